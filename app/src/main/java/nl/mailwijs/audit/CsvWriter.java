package nl.mailwijs.audit;

/**
 * Writes CSV for Excel: {@code ;} separated (what Dutch Excel expects), CRLF line ends, and a
 * field quoted only when it must be (it holds the separator, a quote, a line break, or
 * leading or trailing space that Excel would otherwise trim). Files written with it start
 * with a byte order mark, without which Excel reads UTF-8 as ANSI and garbles diacritics.
 */
final class CsvWriter {

    static final char SEPARATOR = ';';
    static final char BYTE_ORDER_MARK = '\uFEFF';
    static final String LINE_END = "\r\n";

    private CsvWriter() {
    }

    static void appendRow(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(SEPARATOR);
            }
            appendField(out, values[i]);
        }
        out.append(LINE_END);
    }

    static void appendField(StringBuilder out, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (!needsQuotes(value)) {
            out.append(value);
            return;
        }
        out.append('"');
        int from = 0;
        for (int quote = value.indexOf('"'); quote >= 0; quote = value.indexOf('"', from)) {
            out.append(value, from, quote + 1).append('"');
            from = quote + 1;
        }
        out.append(value, from, value.length()).append('"');
    }

    /** String.indexOf scans many characters at a time; a reason text is long enough for that to matter. */
    private static boolean needsQuotes(String value) {
        return Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))
                || value.indexOf(SEPARATOR) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
    }
}
