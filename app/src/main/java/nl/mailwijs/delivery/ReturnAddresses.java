package nl.mailwijs.delivery;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The addresses that bring mail back to Mailwijs, both at the sender's domain and both in the one
 * mailbox {@code bounce@domain} (plus addressing, RFC 5233, as Postfix, Exchange Online and Gmail
 * deliver it), so one IMAP mailbox or one SMTP route serves them:
 * <ul>
 *   <li>the envelope sender {@code bounce+TOKEN@domain} (VERP): bounces and auto-replies go there;</li>
 *   <li>the {@code mailto:} of {@code List-Unsubscribe}, {@code bounce+unsubscribe.TOKEN@domain}: whatever
 *       arrives there is an unsubscribe request of the recipient the token names. The dot is not a
 *       token character, so this address is never read as a bounce token.</li>
 * </ul>
 * A token is 1 to 64 letters, digits, {@code -} or {@code _}; only the address's own shape counts,
 * nothing is inferred.
 */
public final class ReturnAddresses {

    public static final String BOUNCE_PREFIX = "bounce+";
    public static final String UNSUBSCRIBE_PREFIX = "bounce+unsubscribe.";

    private static final Pattern BOUNCE = Pattern.compile("(?i)bounce\\+([A-Za-z0-9_-]{1,64})@[A-Za-z0-9.-]+");
    private static final Pattern UNSUBSCRIBE = Pattern.compile("(?i)bounce\\+unsubscribe\\.([A-Za-z0-9_-]{1,64})@[A-Za-z0-9.-]+");
    private static final Pattern UNSUBSCRIBE_IN_TEXT =
            Pattern.compile("(?i)(?<![A-Za-z0-9.+_-])bounce\\+unsubscribe\\.([A-Za-z0-9_-]{1,64})@[A-Za-z0-9.-]+");

    private ReturnAddresses() {
    }

    /** The envelope sender of a message with this token, at the sender's domain (an A-label). */
    public static String bounce(String token, String asciiDomain) {
        return BOUNCE_PREFIX + token + "@" + asciiDomain;
    }

    /** The unsubscribe address of a message with this token, at the sender's domain (an A-label). */
    public static String unsubscribe(String token, String asciiDomain) {
        return UNSUBSCRIBE_PREFIX + token + "@" + asciiDomain;
    }

    /** The {@code List-Unsubscribe} mailto URL (RFC 2369): the unsubscribe address with a subject a person understands. */
    public static String unsubscribeMailto(String token, String asciiDomain) {
        return "mailto:" + unsubscribe(token, asciiDomain) + "?subject=unsubscribe";
    }

    /** The token of an envelope sender address {@code bounce+TOKEN@domain} (angle brackets allowed), or empty. */
    public static Optional<String> bounceToken(String address) {
        Matcher matcher = address == null ? null : BOUNCE.matcher(unbracket(address));
        return matcher != null && matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The token of an unsubscribe address {@code bounce+unsubscribe.TOKEN@domain} (angle brackets allowed), or empty. */
    public static Optional<String> unsubscribeToken(String address) {
        Matcher matcher = address == null ? null : UNSUBSCRIBE.matcher(unbracket(address));
        return matcher != null && matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The token of the first unsubscribe address anywhere in a header value such as {@code To: "Afmelden" <…>}, or empty. */
    public static Optional<String> unsubscribeTokenIn(String text) {
        Matcher matcher = text == null ? null : UNSUBSCRIBE_IN_TEXT.matcher(text);
        return matcher != null && matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String unbracket(String address) {
        String stripped = address.strip();
        return stripped.startsWith("<") && stripped.endsWith(">") ? stripped.substring(1, stripped.length() - 1) : stripped;
    }
}
