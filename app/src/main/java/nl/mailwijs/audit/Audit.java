package nl.mailwijs.audit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import nl.mailwijs.engine.DecisionEngine;
import nl.mailwijs.engine.request.Message;

/**
 * One run of the audit, in four steps:
 * <ol>
 * <li>every export is opened and its header checked, so a missing column stops the run
 *     before anything is written;</li>
 * <li>the contacts file is read once for its ids alone, which numbers the contacts in file
 *     order and finds the duplicates;</li>
 * <li>the evidence files are loaded into compact arrays and put in that same order, evidence
 *     about a contact the contacts file does not have being rejected;</li>
 * <li>the contacts file is read again and audited: rows are read on this thread, decided in
 *     batches on all cores, and written in the order of the file.</li>
 * </ol>
 */
final class Audit {

    /** What the summary needs from a finished run. */
    record Result(AuditTally tally, long rejected, Map<String, Long> rejectedByFile, List<Rejections.Rejection> firstRejections,
                  Path report, Path rejectedList, Duration elapsed) {
    }

    /**
     * What the first pass over the contacts file learns.
     *
     * @param firstLine       per contact index, the line it first appears on
     * @param firstOccurrence the lines on which an id appears for the first time
     * @param rows            the number of data rows
     */
    private record ContactsIndex(ContactIds ids, int[] firstLine, BitSet firstOccurrence, int rows) {
    }

    static final int SHOWN_REJECTIONS = 20;
    /**
     * Large enough that handing a batch to another thread costs nothing noticeable; small
     * enough that a batch's report text (UTF-16 as soon as one reason holds a non-Latin-1
     * character) stays well under half a G1 region. Larger text is a "humongous" allocation,
     * and those set off a concurrent GC cycle each: with 1000 rows, GC took 40% of the run.
     */
    private static final int BATCH_SIZE = 256;
    /** Columns whose absence means nothing for the decision, so a note about them would be noise. */
    private static final List<String> UNNOTED_ABSENT = List.of("name", "order_id", "consent_id", "objection_id");

    private final DecisionEngine engine;
    private final AuditOptions options;
    private final PrintStream err;
    private final boolean showProgress;
    private final long startNanos = System.nanoTime();
    /** Every export opened, also the second opening of the contacts file: the progress bar adds up their bytes. */
    private final List<Export> opened = new ArrayList<>();

    Audit(DecisionEngine engine, AuditOptions options, PrintStream err, boolean showProgress) {
        this.engine = engine;
        this.options = options;
        this.err = err;
        this.showProgress = showProgress;
    }

    Result run() throws IOException {
        try {
            for (Map.Entry<AuditFile, Path> file : options.files().entrySet()) {
                opened.add(Export.open(file.getKey(), file.getValue(), options.channel()));
            }
            checkOutputs();
            opened.forEach(this::noteColumns);
            return audit(List.copyOf(opened));
        } finally {
            for (Export export : opened) {
                export.close();
            }
        }
    }

    private Result audit(List<Export> exports) throws IOException {
        Export contacts = exports.getFirst();
        ProgressBar progress = showProgress ? progressOver(exports) : ProgressBar.none();
        AuditTally tally;
        Rejections rejections = new Rejections(options.rejectedPath(), SHOWN_REJECTIONS);
        try (rejections) {
            exports.forEach(export -> rejections.expect(export.name()));
            ContactsIndex index = indexContacts(contacts, progress);
            EvidenceStore store = new EvidenceStore();
            EvidenceLoader loader = new EvidenceLoader(store, index.ids(), contacts.name(), rejections);
            for (Export export : exports.subList(1, exports.size())) {
                long[] rows = {0};
                String label = "reading " + export.shortName();
                loader.load(export, () -> progress.tick(label, ++rows[0]));
            }
            store.seal(index.ids().size());
            Integer recipients = options.recipientCount() != null ? options.recipientCount() : index.rows() > 0 ? index.rows() : null;
            Export auditing = Export.open(AuditFile.CONTACTS, options.contacts(), options.channel());
            opened.add(auditing);
            tally = auditContacts(auditing, index, store, options.message(recipients), rejections, progress);
        } finally {
            progress.finish();
        }
        return new Result(tally, rejections.count(), rejections.countByFile(), rejections.shown(), options.out(),
                rejections.path(), Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private ProgressBar progressOver(List<Export> exports) {
        // The contacts file is read twice.
        long total = exports.stream().mapToLong(Export::size).sum() + exports.getFirst().size();
        return new ProgressBar(err, total, () -> opened.stream().mapToLong(Export::bytesRead).sum());
    }

    /**
     * Numbers the contacts in the order of the file. A row that will be rejected for its shape
     * still has its id numbered when it has one: its evidence is then not reported a second time
     * as belonging to an unknown contact.
     */
    private static ContactsIndex indexContacts(Export contacts, ProgressBar progress) throws IOException {
        ContactIds ids = new ContactIds();
        int[] firstLine = new int[1 << 16];
        BitSet firstOccurrence = new BitSet();
        int contactIdAt = contacts.header().position(AuditFile.CONTACT_ID);
        String label = "reading " + contacts.shortName();
        int rows = 0;
        for (CsvReader.Row row = contacts.next(); row != null; row = contacts.next()) {
            rows++;
            String contactId = contactId(row, contactIdAt);
            if (!contactId.isEmpty()) {
                int known = ids.size();
                int index = ids.add(contactId);
                if (index == known) {
                    if (index == firstLine.length) {
                        firstLine = Arrays.copyOf(firstLine, index * 2);
                    }
                    firstLine[index] = row.line();
                    firstOccurrence.set(row.line());
                }
            }
            progress.tick(label, rows);
        }
        return new ContactsIndex(ids, firstLine, firstOccurrence, rows);
    }

    private static String contactId(CsvReader.Row row, int contactIdAt) {
        return contactIdAt < row.fields().length ? row.fields()[contactIdAt].strip() : "";
    }

    private AuditTally auditContacts(Export contacts, ContactsIndex index, EvidenceStore store, Message message, Rejections rejections,
                                     ProgressBar progress) throws IOException {
        ContactAuditor auditor = new ContactAuditor(engine, store, options.sender(), message, options.policy(), options.channel(),
                options.language(), contacts);
        Path partial = options.out().resolveSibling(options.out().getFileName() + ".part");
        AuditTally tally = new AuditTally();
        int workers = Runtime.getRuntime().availableProcessors();
        // With one core, handing batches to another thread only adds work.
        ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers, Thread.ofPlatform().daemon().name("audit-", 1).factory()) : null;
        boolean written = false;
        try (OutputStream report = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            report.write(ContactAuditor.reportHeader());
            ArrayDeque<Future<ContactAuditor.Batch>> inFlight = new ArrayDeque<>();
            int maxInFlight = workers * 3;
            int contactIdAt = contacts.header().position(AuditFile.CONTACT_ID);
            List<ContactAuditor.Pending> batch = new ArrayList<>(BATCH_SIZE);
            int nextIndex = 0;
            long rows = 0;
            String label = "auditing " + contacts.shortName();
            for (CsvReader.Row row = contacts.next(); row != null; row = contacts.next()) {
                // Contacts are numbered as in the first pass: by first appearance, in file order.
                int contactIndex = index.firstOccurrence().get(row.line()) ? nextIndex++ : -1;
                batch.add(pending(row, contacts, contactIdAt, contactIndex, index));
                if (batch.size() == BATCH_SIZE) {
                    inFlight.add(submit(pool, auditor, batch));
                    batch = new ArrayList<>(BATCH_SIZE);
                    while (inFlight.size() > maxInFlight) {
                        write(inFlight.poll(), report, rejections, tally);
                    }
                }
                progress.tick(label, ++rows);
            }
            inFlight.add(submit(pool, auditor, batch));
            while (!inFlight.isEmpty()) {
                write(inFlight.poll(), report, rejections, tally);
            }
            written = true;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            if (!written) {
                Files.deleteIfExists(partial);
            }
        }
        moveIntoPlace(partial, options.out());
        return tally;
    }

    /**
     * Checks on this thread what needs the whole file (a duplicate id) or the raw row (its
     * shape); the rest is checked where the row is decided.
     *
     * @param contactIndex the contact's number when this row is the first with its id, else -1
     */
    private static ContactAuditor.Pending pending(CsvReader.Row row, Export contacts, int contactIdAt, int contactIndex,
                                                  ContactsIndex index) {
        String problem = contacts.problemOf(row);
        if (problem != null) {
            return rejected(row, contacts, "", problem);
        }
        String contactId = contactId(row, contactIdAt);
        if (contactId.isEmpty()) {
            return rejected(row, contacts, AuditFile.CONTACT_ID, "is empty; every contact needs an id");
        }
        if (contactIndex < 0) {
            int firstLine = index.firstLine()[index.ids().indexOf(contactId)];
            return rejected(row, contacts, AuditFile.CONTACT_ID, "'" + contactId + "' appears again; it is first on line " + firstLine
                    + " (a contact is audited once: merge the rows or give each its own id)");
        }
        return new ContactAuditor.Pending(row.line(), contactIndex, row.fields(), null);
    }

    private static ContactAuditor.Pending rejected(CsvReader.Row row, Export contacts, String column, String problem) {
        return new ContactAuditor.Pending(row.line(), -1, row.fields(),
                new Rejections.Rejection(contacts.name(), row.line(), column, problem));
    }

    private static Future<ContactAuditor.Batch> submit(ExecutorService pool, ContactAuditor auditor, List<ContactAuditor.Pending> batch) {
        if (pool == null) {
            return CompletableFuture.completedFuture(auditor.audit(batch));
        }
        return pool.submit(() -> auditor.audit(batch));
    }

    private static void write(Future<ContactAuditor.Batch> pending, OutputStream report, Rejections rejections, AuditTally tally)
            throws IOException {
        ContactAuditor.Batch batch;
        try {
            batch = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the audit was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
        report.write(batch.report());
        for (Rejections.Rejection rejection : batch.rejections()) {
            rejections.add(rejection);
        }
        tally.add(batch.tally());
    }

    private static void moveIntoPlace(Path partial, Path out) throws IOException {
        try {
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The report must not overwrite an input, and its directory must exist: both stop the run before any work. */
    private void checkOutputs() throws IOException {
        Path out = options.out().toAbsolutePath().normalize();
        Path directory = out.getParent();
        if (directory != null && !Files.isDirectory(directory)) {
            throw new AuditInputException("cannot write the report " + options.out() + ": the directory " + directory + " does not exist");
        }
        if (Files.isDirectory(out)) {
            throw new AuditInputException("--out " + options.out() + " is a directory; name the report file, e.g. "
                    + options.out().resolve(AuditOptions.DEFAULT_OUT));
        }
        for (Path input : options.files().values()) {
            for (Path output : List.of(options.out(), options.rejectedPath())) {
                if (sameFile(input, output)) {
                    throw new AuditInputException("--out " + options.out() + " would overwrite the input " + input
                            + "; choose another report file");
                }
            }
        }
    }

    private static boolean sameFile(Path input, Path output) throws IOException {
        if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            return true;
        }
        return Files.exists(output) && Files.isSameFile(input, output);
    }

    /** Says once per file which columns are ignored and which are missing, since both can change what the report says. */
    private void noteColumns(Export export) {
        if (!export.header().unused().isEmpty()) {
            err.println("mailwijs audit: " + export.name() + ": ignoring columns the audit does not use: "
                    + String.join(", ", export.header().unused()));
        }
        List<String> absent = export.header().absent(export.kind()).stream()
                .filter(column -> !UNNOTED_ABSENT.contains(column))
                .filter(column -> export.kind() != AuditFile.CONTACTS || !isOtherChannelsAddress(column))
                .toList();
        if (!absent.isEmpty()) {
            err.println("mailwijs audit: " + export.name() + " has no column " + String.join(", ", absent)
                    + "; read as empty (see 'mailwijs audit --help' for what empty means)");
        }
    }

    private boolean isOtherChannelsAddress(String column) {
        return (column.equals(AuditFile.EMAIL) || column.equals(AuditFile.PHONE)) && !column.equals(AuditFile.addressColumn(options.channel()));
    }
}
