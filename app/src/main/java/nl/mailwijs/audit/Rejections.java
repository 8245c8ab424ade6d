package nl.mailwijs.audit;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every row the audit could not read, written as it is found to {@code <report>.rejected.csv}
 * (file;line;column;reason), so a file of nothing but bad rows costs no memory. The first few
 * are kept to show on the terminal. Only the thread that reads the files adds to it.
 */
final class Rejections implements Closeable {

    /** One rejected row; the column is empty when the row as a whole is wrong. */
    record Rejection(String file, int line, String column, String reason) {

        /** As shown on the terminal: {@code purchases.csv:17: date: '31-02-2024' is not a valid date …}. */
        String describe() {
            return file + ":" + line + ": " + (column.isEmpty() ? "" : column + ": ") + reason;
        }
    }

    private final Path path;
    private final int shownLimit;
    private final List<Rejection> shown = new ArrayList<>();
    private final Map<String, Long> countByFile = new LinkedHashMap<>();
    private BufferedWriter out;
    private long count;

    Rejections(Path path, int shownLimit) {
        this.path = path;
        this.shownLimit = shownLimit;
    }

    /** Lists the file among those read, so the summary shows it in order even with nothing rejected. */
    void expect(String file) {
        countByFile.putIfAbsent(file, 0L);
    }

    void add(String file, int line, String column, String reason) throws IOException {
        add(new Rejection(file, line, column, reason));
    }

    void add(Rejection rejection) throws IOException {
        if (out == null) {
            out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            StringBuilder header = new StringBuilder().append(CsvWriter.BYTE_ORDER_MARK);
            CsvWriter.appendRow(header, "file", "line", "column", "reason");
            out.append(header);
        }
        StringBuilder row = new StringBuilder(128);
        CsvWriter.appendRow(row, rejection.file(), Integer.toString(rejection.line()), rejection.column(), rejection.reason());
        out.append(row);
        count++;
        countByFile.merge(rejection.file(), 1L, Long::sum);
        if (shown.size() < shownLimit) {
            shown.add(rejection);
        }
    }

    long count() {
        return count;
    }

    /** Rejected rows per file read, in the order the files were read. */
    Map<String, Long> countByFile() {
        return countByFile;
    }

    /** The first rejections, to show on the terminal. */
    List<Rejection> shown() {
        return shown;
    }

    Path path() {
        return path;
    }

    /**
     * Closes the list. With nothing rejected, a list left by an earlier run of the same report
     * is removed: otherwise it would seem to belong to this one.
     */
    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        } else {
            Files.deleteIfExists(path);
        }
    }
}
