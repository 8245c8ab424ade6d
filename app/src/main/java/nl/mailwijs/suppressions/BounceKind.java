package nl.mailwijs.suppressions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one bounce says about the address it came back for. */
public enum BounceKind {
    /** The address does not work: suppressed at once. */
    HARD,
    /** Temporary (4.x.x, a 4xx reply, "mailbox full", "try again later"): counted. */
    SOFT,
    /**
     * The message was refused for good for what it is or where it came from (RFC 3463 subjects
     * 3 mail system, 5 protocol, 6 content, 7 security or policy: "message too big", "rejected as
     * spam", "not authorised"), not because the address is unknown. Counted like a soft bounce:
     * suppressing at once would lose every address of a provider that refused one campaign.
     */
    REFUSED;

    private static final Pattern ENHANCED_STATUS = Pattern.compile("(?<![0-9.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![0-9]|\\.\\d)");

    /**
     * The kind of a recipient in a report that came back.
     *
     * @param permanent as the report says (a 5.x.x status, a 5xx reply, or wording such as "user unknown")
     * @param status    the enhanced status code (RFC 3463) such as {@code 5.1.1}, or null when the report gives none
     */
    public static BounceKind of(boolean permanent, String status) {
        if (!permanent) {
            return SOFT;
        }
        Matcher code = status == null ? null : ENHANCED_STATUS.matcher(status.strip());
        if (code == null || !code.lookingAt() || !code.group(1).equals("5")) {
            return HARD;
        }
        return switch (code.group(2)) {
            case "3", "5", "6", "7" -> REFUSED;
            default -> HARD;
        };
    }

    /**
     * The kind of an SMTP reply while sending: 5xx is permanent, anything else temporary; the
     * enhanced status in the reply text, when there is one, says whether the address or the
     * message was refused.
     */
    public static BounceKind ofSmtpReply(int code, String text) {
        return of(code >= 500 && code < 600, enhancedStatus(text));
    }

    /** The first enhanced status code (RFC 3463) in a reply or diagnostic text, or null. */
    public static String enhancedStatus(String text) {
        if (text == null) {
            return null;
        }
        Matcher code = ENHANCED_STATUS.matcher(text);
        return code.find() ? code.group() : null;
    }
}
