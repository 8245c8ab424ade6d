package nl.mailwijs.audit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The header row of an export as its author wrote it, read apart from the rows: for choosing
 * which column is which before an import, and for giving the columns the names chosen. The rows
 * themselves are left byte for byte as they were, so their line numbers stay those of the file.
 *
 * @param names     the header's fields as written (a byte order mark dropped)
 * @param separator the separator the reader detects in it ({@code ;}, {@code ,} or tab)
 * @param length    the header's length in bytes, byte order mark included, line break not included
 */
public record ExportHeader(List<String> names, char separator, int length) {

    /** A header longer than this is no header someone typed or exported. */
    static final int LONGEST = 1 << 20;

    public ExportHeader {
        names = List.copyOf(names);
    }

    /**
     * Reads the first record of a file.
     *
     * @throws AuditInputException when the file is empty, UTF-16 or has no line break within its first megabyte
     */
    public static ExportHeader read(InputStream in, String name) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        boolean quoted = false;
        int b;
        int read = 0;
        while ((b = in.read()) >= 0) {
            if (read == 0 && b == 0xFF || read == 0 && b == 0xFE) {
                throw new AuditInputException(FileProblem.UTF16, name + " is UTF-16 (Excel's 'Unicode text'); save it as 'CSV UTF-8' and import"
                        + " that file", name);
            }
            if (b == '"') {
                quoted = !quoted;
            } else if (!quoted && (b == '\n' || b == '\r')) {
                break;
            }
            header.write(b);
            if (++read > LONGEST) {
                throw new AuditInputException(FileProblem.NO_HEADER, name + ": no header row in the first megabyte; is it a CSV file?", name);
            }
        }
        byte[] bytes = header.toByteArray();
        try (CsvReader reader = new CsvReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
            CsvReader.Row first = reader.next();
            if (first == null) {
                throw new AuditInputException(FileProblem.EMPTY, name + ": the file is empty; it needs a header row", name);
            }
            return new ExportHeader(List.of(first.fields()), reader.separator(), bytes.length);
        }
    }

    /**
     * The file with this header in place of its own: the same separator, the rows untouched. An
     * empty name leaves a column unread, as an empty header cell does.
     *
     * @param file the whole file, from its first byte; closed with the stream returned
     */
    public InputStream renamed(List<String> columns, InputStream file) throws IOException {
        if (columns.size() != names.size()) {
            throw new IllegalArgumentException("the header has " + names.size() + " columns, not " + columns.size());
        }
        file.skipNBytes(length);
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                header.append(separator);
            }
            header.append(quoted(columns.get(i)));
        }
        return new SequenceInputStream(new ByteArrayInputStream(header.toString().getBytes(StandardCharsets.UTF_8)), file);
    }

    private String quoted(String field) {
        boolean plain = field.chars().noneMatch(c -> c == separator || c == '"' || c == '\n' || c == '\r');
        return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
    }
}
