package nl.mailwijs.inbox.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.internet.MimeUtility;

/**
 * The top-level header fields of a raw message, unfolded: only what the inbound mailbox shows in
 * its list (From, Subject, Message-ID) and where it looks for the unsubscribe address (To, Cc,
 * Delivered-To, ...). Never the header fields of a message quoted or returned inside the body.
 * Any bytes are accepted.
 */
public final class HeaderBlock {

    private static final int MAX_BYTES = 256 << 10;

    private final List<String[]> fields;

    private HeaderBlock(List<String[]> fields) {
        this.fields = fields;
    }

    public static HeaderBlock of(byte[] raw) {
        int end = Math.min(raw.length, MAX_BYTES);
        for (int i = 0; i < end; i++) {
            if (raw[i] == '\n' && (i + 1 < end && raw[i + 1] == '\n'
                    || i + 2 < end && raw[i + 1] == '\r' && raw[i + 2] == '\n')) {
                end = i;
                break;
            }
        }
        String text = new String(raw, 0, end, StandardCharsets.UTF_8);
        List<String[]> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("\r?\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (current != null) {
                    current.append(' ').append(line.strip());
                }
                continue;
            }
            add(fields, current);
            current = line.indexOf(':') > 0 ? new StringBuilder(line) : null;
        }
        add(fields, current);
        return new HeaderBlock(fields);
    }

    private static void add(List<String[]> fields, StringBuilder field) {
        if (field != null) {
            int colon = field.indexOf(":");
            fields.add(new String[] {field.substring(0, colon).strip().toLowerCase(Locale.ROOT), field.substring(colon + 1).strip()});
        }
    }

    /** Every value of the field, in order. */
    public List<String> all(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return fields.stream().filter(field -> field[0].equals(key)).map(field -> field[1]).toList();
    }

    /** The first value of the field, RFC 2047 words decoded, as one line of at most {@code max} characters; or null. */
    public String display(String name, int max) {
        List<String> values = all(name);
        if (values.isEmpty()) {
            return null;
        }
        String value = values.getFirst();
        try {
            value = MimeUtility.decodeText(value);
        } catch (java.io.UnsupportedEncodingException | RuntimeException e) {
            // Shown as it came: an unknown charset or a broken encoded word is no reason to lose the rest.
        }
        StringBuilder clean = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && clean.length() < max; i++) {
            char c = value.charAt(i);
            clean.append(Character.isISOControl(c) || Character.isSurrogate(c) && !validPair(value, i) ? ' ' : c);
        }
        String result = clean.toString().strip();
        return result.isEmpty() ? null : result;
    }

    private static boolean validPair(String value, int i) {
        char c = value.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}
