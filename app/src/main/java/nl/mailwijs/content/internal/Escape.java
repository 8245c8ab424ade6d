package nl.mailwijs.content.internal;

import java.nio.charset.StandardCharsets;

/** How a merge value is written where it lands. */
public enum Escape {
    /**
     * HTML text or a quoted attribute value: the five characters that could change the markup, and
     * NUL as the U+FFFD an HTML parser makes of it (a NUL has no place in a message body).
     */
    HTML {
        @Override
        void append(StringBuilder out, String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&#39;");
                    case '\u0000' -> out.append('\uFFFD');
                    default -> out.append(c);
                }
            }
        }
    },
    /**
     * Inside a URL the author wrote ({@code https://shop.nl/?e={{contact.email}}}): percent-encoded,
     * so a value can neither end the attribute nor change the URL's scheme, host or path.
     */
    URL_COMPONENT {
        @Override
        void append(StringBuilder out, String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x80 && UNRESERVED[c]) {
                    out.append(c);
                } else {
                    int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
                    for (byte b : value.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                    }
                    i = end - 1;
                }
            }
        }
    },
    /** The plain-text part and the subject: the value as it is. */
    RAW {
        @Override
        void append(StringBuilder out, String value) {
            out.append(value);
        }
    };

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final boolean[] UNRESERVED = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            UNRESERVED[c] = true;
            UNRESERVED[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            UNRESERVED[c] = true;
        }
        for (char c : "-._~".toCharArray()) {
            UNRESERVED[c] = true;
        }
    }

    abstract void append(StringBuilder out, String value);

    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        HTML.append(out, text);
        return out.toString();
    }
}
