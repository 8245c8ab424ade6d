package nl.mailwijs.evidence.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON in one canonical form, so equal content is equal bytes and hashes the same: object keys
 * sorted (by UTF-16 code units, as RFC 8785 does), no whitespace, strings escaped minimally
 * (only quote, backslash and control characters; everything else as itself), integers only.
 *
 * <p>Written by hand rather than through Jackson on purpose: the hash chain must not change when
 * a library upgrade changes how it escapes or orders anything. The values are Map (String keys),
 * List, String, Long/Integer, Boolean, null and {@link Raw}.
 */
public final class CanonicalJson {

    /** JSON text that is already canonical, embedded as it is (a stored record's content). */
    public record Raw(String json) {
    }

    private CanonicalJson() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String text -> string(text, out);
            case Boolean flag -> out.append(flag);
            case Long number -> out.append(number.longValue());
            case Integer number -> out.append(number.intValue());
            case Raw raw -> out.append(raw.json());
            case Map<?, ?> map -> object(map, out);
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.get(i), out);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("no canonical JSON form for " + value.getClass().getName());
        }
    }

    private static void object(Map<?, ?> map, StringBuilder out) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        map.forEach((key, value) -> sorted.put((String) key, value));
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> entry : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(entry.getKey(), out);
            out.append(':');
            write(entry.getValue(), out);
        }
        out.append('}');
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
