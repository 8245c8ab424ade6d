package nl.mailwijs.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import nl.mailwijs.delivery.internal.HeaderValues;
import nl.mailwijs.delivery.internal.MailRuntime;

/**
 * Builds the RFC 5322 message for one {@link OutgoingMessage}: multipart/alternative text and
 * HTML in UTF-8 (quoted-printable or base64, whichever is shorter, as Angus Mail picks), From with
 * its display name and Subject encoded per RFC 2047 when not ASCII, Date, a random Message-ID at
 * the sender's domain, {@code List-Id}, {@code List-Unsubscribe} with the HTTPS URL (and mailto when
 * given) and {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 2369, 2919, 8058).
 *
 * <p>Every value that becomes a header is checked first; a line break or other control character
 * anywhere throws {@link UnsafeHeaderException} naming the field, so no data can add a header.
 * Domains go on the wire as IDNA A-labels; a non-ASCII local part (which needs SMTPUTF8, RFC
 * 6531/6532) is refused, not sent. Thread-safe.
 */
public final class MessageBuilder {

    private static final HexFormat HEX = HexFormat.of();

    private final Session session = MailRuntime.session();
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public MessageBuilder(Clock clock) {
        this.clock = clock;
    }

    /**
     * @throws UnsafeHeaderException when a value would be unsafe or malformed in its header
     * @throws DeliveryException     when Jakarta Mail cannot encode the message
     */
    public BuiltMessage build(OutgoingMessage message) {
        String fromAddress = HeaderValues.address("from.address", message.from().address());
        String fromName = displayName("from.displayName", message.from().displayName());
        String toAddress = HeaderValues.address("to.address", message.to().address());
        String toName = displayName("to.displayName", message.to().displayName());
        String subject = HeaderValues.text("subject", message.subject());
        String listId = HeaderValues.listId("listId", message.listId());
        // RFC 8058 asks for HTTPS; plain HTTP only to this machine, for the built-in mail catcher out of the box.
        String unsubscribeUrl = isLocal(message.unsubscribeUrl())
                ? HeaderValues.url("unsubscribeUrl", message.unsubscribeUrl(), "http://")
                : HeaderValues.url("unsubscribeUrl", message.unsubscribeUrl(), "https://");
        String unsubscribeMailto = message.unsubscribeMailto() == null ? null
                : HeaderValues.url("unsubscribeMailto", message.unsubscribeMailto(), "mailto:");
        String bounceToken = HeaderValues.token("bounceToken", message.bounceToken());

        String senderDomain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1);
        byte[] unique = new byte[16];
        random.nextBytes(unique);
        String messageId = "<" + HEX.formatHex(unique) + "@" + senderDomain + ">";
        String envelopeFrom = "bounce+" + bounceToken + "@" + senderDomain;

        try {
            MimeMessage mime = new FixedIdMessage(session, messageId);
            mime.setFrom(internetAddress(fromAddress, fromName));
            mime.setRecipient(MimeMessage.RecipientType.TO, internetAddress(toAddress, toName));
            mime.setSubject(subject, "UTF-8");
            mime.setSentDate(Date.from(clock.instant()));
            mime.setHeader("List-Id", "<" + listId + ">");
            String unsubscribe = "<" + unsubscribeUrl + ">" + (unsubscribeMailto == null ? "" : ", <" + unsubscribeMailto + ">");
            mime.setHeader("List-Unsubscribe", MimeUtility.fold("List-Unsubscribe: ".length(), unsubscribe));
            mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            if (message.html() == null) {
                mime.setText(crlf(message.text()), "UTF-8", "plain");
            } else {
                MimeMultipart alternative = new MimeMultipart("alternative");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(crlf(message.text()), "UTF-8", "plain");
                MimeBodyPart html = new MimeBodyPart();
                html.setText(crlf(message.html()), "UTF-8", "html");
                alternative.addBodyPart(text);
                alternative.addBodyPart(html);
                mime.setContent(alternative);
            }
            mime.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096 + 2 * message.text().length()
                    + (message.html() == null ? 0 : 2 * message.html().length()));
            mime.writeTo(out);
            return new BuiltMessage(messageId, envelopeFrom, toAddress, out.toByteArray());
        } catch (MessagingException | IOException e) {
            throw new DeliveryException("could not build the message for " + toAddress + ": " + e.getMessage(), e);
        }
    }

    private static String displayName(String field, String name) {
        return name == null || name.isEmpty() ? null : HeaderValues.text(field, name);
    }

    private static InternetAddress internetAddress(String address, String name) throws UnsupportedEncodingException {
        // The (String, String, String) constructor quotes and RFC 2047-encodes the name as needed.
        return name == null ? new InternetAddress(address, null, "UTF-8") : new InternetAddress(address, name, "UTF-8");
    }

    /** Text parts are canonical with CRLF, also inside base64, whatever the template used. */
    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }

    /** Angus would otherwise invent a Message-ID from the local host name on saveChanges. */
    private static final class FixedIdMessage extends MimeMessage {

        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    private static boolean isLocal(String url) {
        return url != null && (url.startsWith("http://localhost:") || url.startsWith("http://localhost/")
                || url.startsWith("http://127.0.0.1:") || url.startsWith("http://127.0.0.1/"));
    }
}
