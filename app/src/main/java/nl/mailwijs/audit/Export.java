package nl.mailwijs.audit;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import nl.mailwijs.engine.request.Channel;

/**
 * One export file, opened and its header checked: the audit opens every file before it reads
 * any row, so a missing column stops it before anything is written.
 */
public final class Export implements Closeable {

    private final AuditFile kind;
    private final String name;
    private final long size;
    private final CountingInputStream bytes;
    private final CsvReader reader;
    private final Header header;

    private Export(AuditFile kind, String name, long size, CountingInputStream bytes, CsvReader reader, Header header) {
        this.kind = kind;
        this.name = name;
        this.size = size;
        this.bytes = bytes;
        this.reader = reader;
        this.header = header;
    }

    static Export open(AuditFile kind, Path path, Channel channel) throws IOException {
        return open(kind, path, kind.required(channel));
    }

    /** Opens a file for the import, which needs only the columns given (a contact without an address is kept). */
    public static Export open(AuditFile kind, Path path, java.util.List<String> required) throws IOException {
        String name = path.toString();
        if (Files.isDirectory(path)) {
            throw new AuditInputException(FileProblem.NOT_READABLE, "cannot read " + name + " (" + kind.option() + "): it is a directory", name);
        }
        InputStream raw;
        try {
            raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new AuditInputException(FileProblem.NOT_READABLE, "cannot read " + name + " (" + kind.option() + "): no such file", name);
        } catch (AccessDeniedException e) {
            throw new AuditInputException(FileProblem.NOT_READABLE, "cannot read " + name + " (" + kind.option() + "): permission denied",
                    name);
        }
        return open(kind, name, Files.size(path), raw, required);
    }

    /** An export from a stream (an upload), checked as a file is; the stream is closed with the export. */
    public static Export open(AuditFile kind, String name, long size, InputStream raw, java.util.List<String> required)
            throws IOException {
        if (!raw.markSupported()) {
            raw = new BufferedInputStream(raw, 1 << 16);
        }
        CountingInputStream bytes = new CountingInputStream(raw);
        refuseUtf16(bytes, name);
        // Malformed UTF-8 becomes U+FFFD, and the row that holds it is rejected (see problemOf):
        // one Windows-1252 name should not stop the audit of a whole file.
        CsvReader reader = new CsvReader(new InputStreamReader(bytes, StandardCharsets.UTF_8));
        try {
            CsvReader.Row first = reader.next();
            if (first == null) {
                throw new AuditInputException(FileProblem.EMPTY, name + ": the file is empty; it needs a header row with the columns "
                        + String.join(", ", kind.columns()), name);
            }
            Header header = Header.of(first.fields(), kind, required, name);
            return new Export(kind, name, size, bytes, reader, header);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * Excel's "Unicode text" is UTF-16. Read as UTF-8 it would come out as a header without any
     * known column, which would send the user looking in the wrong place.
     */
    private static void refuseUtf16(InputStream in, String name) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if ((first == 0xFF && second == 0xFE) || (first == 0xFE && second == 0xFF)) {
            in.close();
            throw new AuditInputException(FileProblem.UTF16, name + " is UTF-16 (Excel's 'Unicode text'); save it as 'CSV UTF-8' and audit that file",
                    name);
        }
    }

    public AuditFile kind() {
        return kind;
    }

    /** The path as the user gave it, used in every message about this file. */
    public String name() {
        return name;
    }

    /** The file name alone, used in ids made from a line ({@code purchases.csv:17}). */
    public String shortName() {
        Path fileName = Path.of(name).getFileName();
        return fileName == null ? name : fileName.toString();
    }

    public Header header() {
        return header;
    }

    long size() {
        return size;
    }

    long bytesRead() {
        return bytes.count();
    }

    public CsvReader.Row next() throws IOException {
        return reader.next();
    }

    /** Why the row as a whole cannot be read, or null when its fields can be looked at. */
    public String problemOf(CsvReader.Row row) {
        BadValueException unreadable = unreadable(row);
        return unreadable == null ? null : unreadable.problem();
    }

    /** Why the row as a whole cannot be read, with its code (the column is empty), or null when its fields can be looked at. */
    public BadValueException unreadable(CsvReader.Row row) {
        if (row.malformed()) {
            return new BadValueException("", row.malformation(), row.problem());
        }
        if (row.fields().length != header.width()) {
            return new BadValueException("", RowProblem.FIELD_COUNT, "has " + row.fields().length + " fields where the header has "
                    + header.width() + " (a value holding '" + reader.separator() + "' must be in double quotes)", row.fields().length,
                    header.width(), String.valueOf(reader.separator()));
        }
        for (String field : row.fields()) {
            if (field.indexOf('\uFFFD') >= 0) {
                return new BadValueException("", RowProblem.NOT_UTF8, RowProblem.NOT_UTF8.text());
            }
        }
        return null;
    }

    /** The field at a position from {@link Header#position}, empty when the file lacks the column. */
    public static String field(String[] fields, int position) {
        return position < 0 ? "" : fields[position];
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
