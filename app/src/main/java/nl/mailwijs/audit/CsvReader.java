package nl.mailwijs.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as Excel and Dutch web shops write it (RFC 4180 plus what they do beyond it):
 * fields in double quotes may hold separators, line breaks and doubled quotes; records end
 * at CRLF, LF or a lone CR (old Excel for Mac); a byte order mark is skipped. The separator
 * is the one of {@code ;}, {@code ,} or tab that occurs most often outside quotes in the
 * header line, so a Dutch Excel export ({@code ;}) and an English one ({@code ,}) both read.
 *
 * <p>A record that breaks the quoting rules is still returned, with a {@link Row#problem()},
 * so the caller can reject that one row and go on. Records whose fields are all blank (empty
 * lines, or the {@code ;;;} rows Excel leaves below a table) are skipped.
 */
public final class CsvReader implements Closeable {

    /** One record, with the physical line it starts on (the header is line 1). */
    public record Row(int line, String[] fields, RowProblem malformation) {

        public boolean malformed() {
            return malformation != null;
        }

        /** What breaks the quoting rules, in English; null when nothing does. */
        public String problem() {
            return malformation == null ? null : malformation.text();
        }
    }

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final char[] SEPARATORS = {';', ',', '\t'};

    private final Reader in;
    private char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private boolean endOfInput;
    private final char separator;
    private int line = 1;
    private final List<String> fields = new ArrayList<>(16);
    private final StringBuilder pending = new StringBuilder(64);
    private RowProblem problem;

    CsvReader(Reader in) throws IOException {
        this.in = in;
        fill();
        if (position < limit && buffer[position] == BYTE_ORDER_MARK) {
            position++;
        }
        this.separator = detectSeparator();
    }

    char separator() {
        return separator;
    }

    /** The next non-blank record, or null at the end of the input. */
    Row next() throws IOException {
        while (true) {
            if (position >= limit && !fill()) {
                return null;
            }
            int startLine = line;
            problem = null;
            readRecord();
            String[] values = fields.toArray(String[]::new);
            if (problem != null || !allBlank(values)) {
                return new Row(startLine, values, problem);
            }
        }
    }

    private static boolean allBlank(String[] values) {
        for (String value : values) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private void readRecord() throws IOException {
        fields.clear();
        while (true) {
            if (position < limit || fill()) {
                if (buffer[position] == '"') {
                    position++;
                    fields.add(readQuoted());
                } else {
                    fields.add(readPlain());
                }
            } else {
                fields.add("");
            }
            if (position >= limit && !fill()) {
                return;
            }
            char c = buffer[position];
            if (c == separator) {
                position++;
                continue;
            }
            consumeLineEnd();
            return;
        }
    }

    /** An unquoted field: everything up to the separator or the end of the line. */
    private String readPlain() throws IOException {
        pending.setLength(0);
        while (true) {
            int start = position;
            while (position < limit) {
                char c = buffer[position];
                if (c == separator || c == '\n' || c == '\r') {
                    return finishField(start);
                }
                position++;
            }
            pending.append(buffer, start, position - start);
            if (!fill()) {
                return pending.toString();
            }
        }
    }

    /** The common case, a field wholly inside the buffer, makes one string and copies nothing else. */
    private String finishField(int start) {
        if (pending.isEmpty()) {
            return new String(buffer, start, position - start);
        }
        pending.append(buffer, start, position - start);
        return pending.toString();
    }

    /** A quoted field, the opening quote already consumed. */
    private String readQuoted() throws IOException {
        pending.setLength(0);
        boolean afterCarriageReturn = false;
        while (true) {
            if (position >= limit && !fill()) {
                problem = RowProblem.QUOTE_NOT_CLOSED;
                return pending.toString();
            }
            char c = buffer[position++];
            if (c == '"') {
                if (position >= limit && !fill()) {
                    return pending.toString();
                }
                if (buffer[position] == '"') {
                    pending.append('"');
                    position++;
                    afterCarriageReturn = false;
                    continue;
                }
                String value = pending.toString();
                char next = buffer[position];
                if (next != separator && next != '\n' && next != '\r') {
                    // "abc"def: keep the text, but the row is not well-formed CSV.
                    problem = RowProblem.TEXT_AFTER_QUOTE;
                    return value + readPlain();
                }
                return value;
            }
            // Line breaks inside quotes are data, but still count as lines of the file.
            if (c == '\n') {
                if (!afterCarriageReturn) {
                    line++;
                }
            } else if (c == '\r') {
                line++;
            }
            afterCarriageReturn = c == '\r';
            pending.append(c);
        }
    }

    private void consumeLineEnd() throws IOException {
        char c = buffer[position++];
        if (c == '\r' && (position < limit || fill()) && buffer[position] == '\n') {
            position++;
        }
        line++;
    }

    /** Refills an exhausted buffer; false at the end of the input. */
    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        position = 0;
        limit = 0;
        while (limit == 0) {
            int read = in.read(buffer, 0, buffer.length);
            if (read < 0) {
                endOfInput = true;
                return false;
            }
            limit = read;
        }
        return true;
    }

    /**
     * Looks at the header line without consuming it. Only here may the buffer grow: the whole
     * header must be in view to count its separators.
     */
    private char detectSeparator() throws IOException {
        int[] counts = new int[SEPARATORS.length];
        boolean quoted = false;
        for (int i = position; ; i++) {
            if (i >= limit && !readMoreIntoBuffer()) {
                break;
            }
            char c = buffer[i];
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int s = 0; s < SEPARATORS.length; s++) {
                    if (c == SEPARATORS[s]) {
                        counts[s]++;
                    }
                }
            }
        }
        int best = 1; // a header of one column: the separator does not matter, pick the RFC's
        for (int s = 0; s < SEPARATORS.length; s++) {
            if (counts[s] > counts[best] || (counts[s] == counts[best] && counts[s] > 0 && s < best)) {
                best = s;
            }
        }
        return SEPARATORS[best];
    }

    private boolean readMoreIntoBuffer() throws IOException {
        if (endOfInput) {
            return false;
        }
        if (limit == buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            endOfInput = true;
            return false;
        }
        limit += read;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
