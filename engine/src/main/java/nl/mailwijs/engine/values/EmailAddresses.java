package nl.mailwijs.engine.values;

import java.net.IDN;
import java.util.Locale;

/**
 * E-mail addresses as Mailwijs stores and compares them: the local part kept as written
 * (it may be case-sensitive, RFC 5321 §2.4; Mailwijs compares it case-insensitively where it
 * matches), the domain in lower case. An internationalised domain stays in its Unicode form.
 */
public final class EmailAddresses {

    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_PART = 64;
    /** RFC 5322 specials that an unquoted local part may not contain. */
    private static final String SPECIALS = "()<>[]:;,\\\"";

    private EmailAddresses() {
    }

    /** The normalised address, or an {@link InvalidValueException} that says what is wrong. */
    public static String normalise(String raw) {
        String address = raw.strip();
        if (address.isEmpty()) {
            throw new InvalidValueException("e-mail address is empty");
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
                    || type == Character.FORMAT || type == Character.SURROGATE || type == Character.PRIVATE_USE) {
                throw new InvalidValueException("'" + printable(address) + "' is not an e-mail address: it contains a space, "
                        + "control or invisible character");
            }
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new InvalidValueException("'" + address + "' is not an e-mail address (expected name@domain.example)");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.indexOf('@') >= 0 && !(local.startsWith("\"") && local.endsWith("\""))) {
            throw new InvalidValueException("'" + address + "' is not an e-mail address: more than one @");
        }
        if (local.length() > MAX_LOCAL_PART || address.length() > MAX_LENGTH) {
            throw new InvalidValueException("'" + address + "' is too long for an e-mail address");
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new InvalidValueException("'" + address + "' is not an e-mail address: misplaced dot before the @");
        }
        if (!(local.startsWith("\"") && local.endsWith("\"")) && local.chars().anyMatch(c -> SPECIALS.indexOf(c) >= 0)) {
            throw new InvalidValueException("'" + address + "' is not an e-mail address: ( ) < > [ ] : ; , \\ \" are only allowed "
                    + "inside quotes");
        }
        checkDomain(address, domain);
        return local + "@" + domain;
    }

    private static void checkDomain(String address, String domain) {
        if (isPlainAsciiDomain(domain)) {
            return;
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("'" + address + "' has an invalid domain");
        }
        if (!ascii.contains(".") || ascii.startsWith(".") || ascii.endsWith(".") || ascii.contains("..")) {
            throw new InvalidValueException("'" + address + "' has an invalid domain (expected e.g. example.nl)");
        }
        if (ascii.substring(ascii.lastIndexOf('.') + 1).chars().allMatch(Character::isDigit)) {
            throw new InvalidValueException("'" + address + "' has an invalid domain: the last part is a number (expected e.g. example.nl)");
        }
        for (String label : ascii.split("\\.")) {
            if (label.startsWith("-") || label.endsWith("-") || !label.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-'))) {
                throw new InvalidValueException("'" + address + "' has an invalid domain label '" + label + "'");
            }
        }
    }

    /**
     * The common case, checked without IDN conversion: lower-case ASCII labels of letters,
     * digits and inner hyphens, at least two of them.
     */
    private static boolean isPlainAsciiDomain(String domain) {
        int labelStart = 0;
        int labels = 0;
        for (int i = 0; i <= domain.length(); i++) {
            char c = i == domain.length() ? '.' : domain.charAt(i);
            if (c == '.') {
                if (i == labelStart || domain.charAt(i - 1) == '-' || domain.charAt(labelStart) == '-' || i - labelStart > 63) {
                    return false;
                }
                labels++;
                labelStart = i + 1;
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return labels >= 2 && !Character.isDigit(domain.charAt(domain.length() - 1));
    }

    /** The A-label (punycode) form of the domain, as SMTP needs it without SMTPUTF8. */
    public static String asciiDomain(String normalised) {
        return IDN.toASCII(normalised.substring(normalised.lastIndexOf('@') + 1), IDN.ALLOW_UNASSIGNED);
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.toString();
    }
}
