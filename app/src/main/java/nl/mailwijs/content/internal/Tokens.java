package nl.mailwijs.content.internal;

/**
 * Merge fields stand in the body as three private-use characters while Markdown, the sanitiser
 * and the plain-text writer work on it: a start marker, the field's index, an end marker. The
 * markers are not markup to any of them, so a field can never become a tag or an attribute,
 * and the author's own private-use characters are replaced before tokens are added.
 * The start marker records where the field landed, which decides its escaping.
 */
public final class Tokens {

    /** A field in text (or an attribute that is not a URL). */
    public static final char TEXT = '\uE000';
    public static final char END = '\uE001';
    /** A field inside a URL the author wrote: percent-encoded. */
    public static final char URL = '\uE002';
    /** {@code {{unsubscribeUrl}}}: may stand as a whole link target on its own. */
    public static final char UNSUBSCRIBE = '\uE004';
    private static final char INDEX_BASE = '\uE100';
    public static final int MAX_FIELDS = 0xF8FF - INDEX_BASE;

    private Tokens() {
    }

    public static String token(FieldRef field, int index) {
        return new String(new char[] {field.isUnsubscribeUrl() ? UNSUBSCRIBE : TEXT, (char) (INDEX_BASE + index), END});
    }

    static boolean isStart(char c) {
        return c == TEXT || c == URL || c == UNSUBSCRIBE;
    }

    static int index(char c) {
        return c - INDEX_BASE;
    }

    static Escape escape(char marker, boolean html) {
        if (marker == URL) {
            return Escape.URL_COMPONENT;
        }
        return html ? Escape.HTML : Escape.RAW;
    }

    /** True for a value that is exactly one {@code {{unsubscribeUrl}}} token. */
    public static boolean isWholeUnsubscribeToken(String value) {
        return value.length() == 3 && value.charAt(0) == UNSUBSCRIBE && value.charAt(2) == END;
    }

    /** Moves every token in a URL into URL context, except a link that is only the unsubscribe URL. */
    public static String inUrl(String value) {
        if (isWholeUnsubscribeToken(value)) {
            return value;
        }
        return value.replace(TEXT, URL).replace(UNSUBSCRIBE, URL);
    }

    public static boolean isPrivateUse(char c) {
        return c >= '\uE000' && c <= '\uF8FF';
    }
}
