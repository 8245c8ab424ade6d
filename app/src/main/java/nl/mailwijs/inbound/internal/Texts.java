package nl.mailwijs.inbound.internal;

/** Small string helpers for text taken from a report. */
final class Texts {

    private Texts() {
    }

    /** One line: control characters and runs of white space become one space; at most {@code max} characters. */
    static String oneLine(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\u00A0') {
                space = out.length() > 0;
                continue;
            }
            if (out.length() + (space ? 1 : 0) >= max) {
                out.setLength(Math.min(out.length(), max - 1));
                out.append('…');
                return out.toString();
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    static String shorten(String text, int max) {
        return oneLine(text == null ? "" : text, max);
    }
}
