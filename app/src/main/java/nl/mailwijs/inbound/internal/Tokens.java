package nl.mailwijs.inbound.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the per-message token. Mailwijs sends from {@code bounce+TOKEN@domain}
 * ({@code delivery.MessageBuilder}); a token is 1 to 64 letters, digits, {@code -} or {@code _}, and
 * the one-click unsubscribe token ({@code delivery.UnsubscribeTokens}) is 43 base64url characters.
 * Only a value that has exactly that shape where Mailwijs put it counts: nothing is inferred.
 */
final class Tokens {

    private static final Pattern ENVELOPE = Pattern.compile("(?i)(?<![A-Za-z0-9.+_-])bounce\\+([A-Za-z0-9_-]{1,64})@[A-Za-z0-9.-]+");
    private static final Pattern HEADER_TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** 43 base64url characters as a whole path segment or query value. */
    private static final Pattern UNSUBSCRIBE = Pattern.compile("(?<=[/=])([A-Za-z0-9_-]{43})(?=$|[/?&#])");

    private Tokens() {
    }

    /** The token of the first {@code bounce+TOKEN@domain} in the text, or null. */
    static String inEnvelopeAddress(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = ENVELOPE.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The value of an {@code X-Mailwijs-Token} header when it has a token's shape, or null. */
    static String inHeader(String value) {
        if (value == null) {
            return null;
        }
        String token = value.strip();
        return HEADER_TOKEN.matcher(token).matches() ? token : null;
    }

    /** The token in the first {@code https://} URL of a {@code List-Unsubscribe} value, or null. */
    static String inListUnsubscribe(String value) {
        if (value == null) {
            return null;
        }
        int open = value.indexOf("<https://");
        if (open < 0) {
            open = value.indexOf("<http://");
        }
        int close = open < 0 ? -1 : value.indexOf('>', open);
        if (close < 0) {
            return null;
        }
        Matcher matcher = UNSUBSCRIBE.matcher(value.substring(open + 1, close));
        return matcher.find() ? matcher.group(1) : null;
    }
}
