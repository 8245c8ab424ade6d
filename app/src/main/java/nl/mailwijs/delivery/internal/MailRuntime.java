package nl.mailwijs.delivery.internal;

import java.util.Properties;

import jakarta.mail.Session;

/** The one place that prepares Jakarta Mail for this process. */
public final class MailRuntime {

    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // jakarta.mail-api looks the StreamProvider up with a ServiceLoader for every body part it
        // encodes unless this property names it; at thousands of messages per second that lookup
        // dominated. It must be set before the first jakarta.mail class needs a stream.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private MailRuntime() {
    }

    /** A session for building and parsing messages (no transport settings). */
    public static Session session() {
        return Session.getInstance(properties());
    }

    /** Properties every session starts from; touching this class sets the stream provider first. */
    public static Properties properties() {
        Properties properties = new Properties();
        // Split RFC 2047 words and long parameters the way every client reads them.
        properties.setProperty("mail.mime.splitlongparameters", "true");
        return properties;
    }
}
