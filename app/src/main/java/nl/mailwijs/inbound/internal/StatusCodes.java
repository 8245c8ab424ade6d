package nl.mailwijs.inbound.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Enhanced status codes (RFC 3463) and SMTP reply codes (RFC 5321) in report text. */
final class StatusCodes {

    /** Lookarounds keep IP addresses (192.0.2.1) and version numbers from passing for a status. */
    private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.]*\\d)");
    private static final Pattern REPLY = Pattern.compile("(?<![\\d.:/])([245])[0-5]\\d(?=[ :\\-]|$)", Pattern.MULTILINE);

    private static final Pattern MAILBOX_FULL = Pattern.compile("(?i)mailbox (?:is )?full|over ?quota|quota ?exceeded"
            + "|exceeded (?:the |its )?(?:storage|quota)|insufficient (?:system )?storage|postvak (?:is )?vol|mailbox vol");

    private StatusCodes() {
    }

    /** The first enhanced status code in the text, or null. */
    static String enhanced(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = ENHANCED.matcher(text);
        return matcher.find() ? matcher.group() : null;
    }

    /**
     * A full mailbox: status X.2.2 or words saying so. It exists and may empty again, so it is never
     * taken as permanent, whatever the reply class (RFC 3463 calls X.2.2 a "persistent transient"
     * failure; RFC 5321 has servers answer 552 for it all the same).
     */
    static boolean mailboxFull(String status, String text) {
        return status != null && status.substring(1).startsWith(".2.2") || text != null && MAILBOX_FULL.matcher(text).find();
    }

    /** The class (2, 4 or 5) of the first SMTP reply code in the text, or 0. */
    static int replyClass(String text) {
        if (text == null) {
            return 0;
        }
        Matcher matcher = REPLY.matcher(text);
        while (matcher.find()) {
            int klass = matcher.group(1).charAt(0) - '0';
            if (klass != 2) {
                return klass;
            }
        }
        return 0;
    }
}
