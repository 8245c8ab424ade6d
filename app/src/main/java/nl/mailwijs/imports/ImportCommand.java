package nl.mailwijs.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nl.mailwijs.audit.AuditFile;
import nl.mailwijs.audit.AuditInputException;
import nl.mailwijs.cli.ExitCode;
import nl.mailwijs.cli.UsageException;

/**
 * {@code bin/mailwijs import}: the files named on the command line into the database, with the
 * per-file report on stdout, the first rejected rows on stderr and all of them in a CSV file.
 */
public final class ImportCommand {

    public static final String USAGE = """
            Usage: mailwijs import --dir DIR | --contacts FILE [--purchases FILE] [--consents FILE]
                                   [--objections FILE] [--interactions FILE]
                                   [--rejected FILE] [--data DIR | --database-url URL]

            Imports the CSV exports 'mailwijs audit' reads into contacts and the evidence ledger.
            --dir takes contacts.csv, purchases.csv, consents.csv, objections.csv and interactions.csv
            from DIR (those present). Importing the same files again adds nothing twice, and an older
            export never takes back an objection or a withdrawal. Rows that cannot be imported are
            left out and listed (the first 20 here, all in --rejected, default ./import-rejected.csv);
            the other rows are imported.
            Exit codes: 0 all imported, 3 some rows rejected, 2 bad command line or a file that
            cannot be imported at all (nothing imported).
            """;

    static final int SHOWN = 20;

    public static final List<String> FILE_OPTIONS =
            List.of("--contacts", "--purchases", "--consents", "--objections", "--interactions");

    private ImportCommand() {
    }

    /**
     * The files to import, checked before any database is opened.
     *
     * @throws UsageException when none is given, both --dir and files are given, or a file does not exist
     */
    public static Map<AuditFile, Path> files(String dir, Map<String, String> fileOptions) {
        Map<AuditFile, Path> files = new LinkedHashMap<>();
        if (dir != null) {
            if (!fileOptions.isEmpty()) {
                throw new UsageException("import: give --dir or the files (--contacts ...), not both");
            }
            if (!Files.isDirectory(Path.of(dir))) {
                throw new UsageException("import: --dir " + dir + " is not a directory");
            }
            for (AuditFile kind : AuditFile.values()) {
                Path path = Path.of(dir).resolve(kind.fileName());
                if (Files.isRegularFile(path)) {
                    files.put(kind, path);
                }
            }
            if (files.isEmpty()) {
                throw new UsageException("import: " + dir + " holds none of contacts.csv, purchases.csv, consents.csv,"
                        + " objections.csv, interactions.csv");
            }
            return files;
        }
        for (AuditFile kind : AuditFile.values()) {
            String file = fileOptions.get(kind.option());
            if (file != null) {
                Path path = Path.of(file);
                if (!Files.isRegularFile(path)) {
                    throw new UsageException("import: cannot read " + file + " (" + kind.option() + "): "
                            + (Files.isDirectory(path) ? "it is a directory" : "no such file"));
                }
                files.put(kind, path);
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("import: name the files: --dir DIR, or --contacts FILE and the others (see 'mailwijs import --help')");
        }
        return files;
    }

    /** Imports and reports; the exit code. */
    public static int run(Importer importer, Map<AuditFile, Path> files, Path rejectedFile, PrintStream out, PrintStream err)
            throws IOException {
        long start = System.nanoTime();
        List<ImportSource> sources = new ArrayList<>();
        try {
            for (Map.Entry<AuditFile, Path> file : files.entrySet()) {
                InputStream in;
                try {
                    in = Files.newInputStream(file.getValue());
                } catch (NoSuchFileException e) {
                    throw new AuditInputException("cannot read " + file.getValue() + ": no such file");
                }
                sources.add(new ImportSource(file.getKey(), file.getValue().toString(), Files.size(file.getValue()), in));
            }
        } catch (AuditInputException e) {
            closeAll(sources);
            err.println("mailwijs import: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        List<ImportRejection> shown = new ArrayList<>();
        ImportReport report;
        try (RejectedFile rejected = new RejectedFile(rejectedFile)) {
            try {
                report = importer.importFiles(sources, rejection -> {
                    if (shown.size() < SHOWN) {
                        shown.add(rejection);
                    }
                    rejected.add(rejection);
                });
            } catch (AuditInputException e) {
                err.println("mailwijs import: " + e.getMessage() + "; nothing was imported");
                return ExitCode.BAD_INPUT;
            }
        }
        out.printf(Locale.ROOT, "%-40s %10s %10s %10s %10s%n", "Mailwijs import", "read", "added", "present", "rejected");
        for (ImportReport.FileReport file : report.files()) {
            out.printf(Locale.ROOT, "%-40s %10d %10d %10d %10d%n", file.file(), file.read(), file.added(), file.alreadyPresent(),
                    file.rejected());
        }
        out.printf(Locale.ROOT, "Time: %.1f s%n", (System.nanoTime() - start) / 1e9);
        long rejectedRows = report.rejected();
        if (rejectedRows == 0) {
            return ExitCode.OK;
        }
        err.println("mailwijs import: " + rejectedRows + (rejectedRows == 1 ? " row was" : " rows were")
                + " not imported; all are listed in " + rejectedFile + (rejectedRows > SHOWN ? "; the first " + SHOWN + ":" : ":"));
        for (ImportRejection rejection : shown) {
            err.println("  " + rejection.describe());
        }
        return ExitCode.ROWS_REJECTED;
    }

    private static void closeAll(List<ImportSource> sources) throws IOException {
        for (ImportSource source : sources) {
            source.in().close();
        }
    }

    /** file;line;column;reason, UTF-8 with BOM as the audit writes it; removed when nothing was rejected. */
    private static final class RejectedFile implements AutoCloseable {
        private final Path path;
        private BufferedWriter out;

        RejectedFile(Path path) {
            this.path = path;
        }

        void add(ImportRejection rejection) {
            try {
                if (out == null) {
                    out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
                    out.write("\uFEFFfile;line;column;reason\r\n");
                }
                out.write(field(rejection.file()) + ";" + rejection.line() + ";" + field(rejection.column()) + ";"
                        + field(rejection.reason()) + "\r\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static String field(String value) {
            if (value.indexOf(';') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
                return value;
            }
            return '"' + value.replace("\"", "\"\"") + '"';
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            } else {
                Files.deleteIfExists(path);
            }
        }
    }
}
