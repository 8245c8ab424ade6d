package nl.mailwijs.delivery.internal;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

import nl.mailwijs.delivery.DeliveryException;
import nl.mailwijs.delivery.UnsafeHeaderException;

/** Checks for every value that ends up in a header: refuse, never repair. */
public final class HeaderValues {

    /** RFC 5322 atext, the characters of an unquoted local part (dot-atom). */
    private static final boolean[] ATEXT = new boolean[128];
    private static final java.util.Map<String, String> DOMAINS = new java.util.concurrent.ConcurrentHashMap<>();

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            ATEXT[c] = ATEXT[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ATEXT[c] = true;
        }
        for (char c : "!#$%&'*+/=?^_`{|}~-".toCharArray()) {
            ATEXT[c] = true;
        }
    }
    private static final Pattern LIST_ID = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern LDH_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private HeaderValues() {
    }

    /**
     * Refuses CR, LF and every other control character (C0, DEL, C1) and the Unicode line and
     * paragraph separators: any of them could end a header line at some hop, or hide text in it.
     */
    public static String text(String field, String value) {
        if (value == null) {
            throw new UnsafeHeaderException(field, "is missing");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
                throw new UnsafeHeaderException(field, String.format(Locale.ROOT,
                        "contains control character U+%04X at position %d; line breaks and control characters are not allowed in a header", (int) c, i));
            }
        }
        return value;
    }

    /**
     * {@code local@domain} as it goes on the wire: ASCII local part as given, domain lower-cased and
     * converted to its IDNA A-label. A non-ASCII local part needs SMTPUTF8 (RFC 6531/6532), which
     * Mailwijs does not send yet: refused here rather than mangled or sent to a relay that would
     * reject it later.
     */
    public static String address(String field, String address) {
        text(field, address);
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new UnsafeHeaderException(field, "'" + address + "' is not an e-mail address (local@domain)");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (!local.chars().allMatch(c -> c < 0x80)) {
            throw new UnsafeHeaderException(field, "'" + address + "' has a non-ASCII local part, which needs SMTPUTF8; "
                    + "Mailwijs does not send SMTPUTF8 messages yet");
        }
        if (local.length() > 64 || !isDotAtom(local)) {
            throw new UnsafeHeaderException(field, "'" + address + "' has a local part that is not a plain dot-atom");
        }
        return local + "@" + domain(field, domain);
    }

    /** RFC 5322 dot-atom: runs of atext joined by single dots (checked per message: a table, not a regex). */
    static boolean isDotAtom(String value) {
        if (value.isEmpty() || value.charAt(0) == '.' || value.charAt(value.length() - 1) == '.') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.' ? value.charAt(i - 1) == '.' : c >= 128 || !ATEXT[c]) {
                return false;
            }
        }
        return true;
    }

    /** The A-label form of a domain name (IDNA 2003 as the JDK implements it), lower case. */
    public static String domain(String field, String domain) {
        // Recipients share a few thousand domains; converting and checking each once saves it per message.
        String known = DOMAINS.get(domain);
        if (known != null) {
            return known;
        }
        String ascii = checkedDomain(field, domain);
        if (DOMAINS.size() >= 10_000) {
            DOMAINS.clear();
        }
        DOMAINS.put(domain, ascii);
        return ascii;
    }

    private static String checkedDomain(String field, String domain) {
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new UnsafeHeaderException(field, "'" + domain + "' is not a valid domain name");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2 || ascii.length() > 253) {
            throw new UnsafeHeaderException(field, "'" + domain + "' is not a valid domain name");
        }
        for (String label : labels) {
            if (!LDH_LABEL.matcher(label).matches()) {
                throw new UnsafeHeaderException(field, "'" + domain + "' is not a valid domain name");
            }
        }
        return ascii;
    }

    public static String listId(String field, String value) {
        text(field, value);
        if (value.length() > 255 || !LIST_ID.matcher(value).matches()) {
            throw new UnsafeHeaderException(field, "'" + value + "' is not a list id (a dot-atom such as nieuwsbrief.example.nl)");
        }
        return value;
    }

    public static String token(String field, String value) {
        text(field, value);
        // A loop, not a regular expression: this runs for every message sent.
        boolean token = !value.isEmpty() && value.length() <= 64;
        for (int i = 0; i < value.length() && token; i++) {
            char c = value.charAt(i);
            token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        }
        if (!token) {
            throw new UnsafeHeaderException(field, "must be 1 to 64 letters, digits, '-' or '_'");
        }
        return value;
    }

    /** A URL for inside {@code <...>}: no spaces, no angle brackets, the given scheme. */
    public static String url(String field, String value, String scheme) {
        text(field, value);
        if (!value.regionMatches(true, 0, scheme, 0, scheme.length()) || value.length() == scheme.length()) {
            throw new UnsafeHeaderException(field, "must start with " + scheme);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '<' || c == '>' || c == '"' || c >= 0x7F) {
                throw new UnsafeHeaderException(field, "contains '" + c + "' at position " + i + "; percent-encode it");
            }
        }
        if (value.length() > 900) {
            throw new DeliveryException(field + ": longer than 900 characters; a header line may not exceed 998");
        }
        return value;
    }
}
