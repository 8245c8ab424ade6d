package nl.mailwijs.web;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import nl.mailwijs.audit.AuditInputException;
import nl.mailwijs.audit.Export;
import nl.mailwijs.imports.ImportRejection;
import nl.mailwijs.imports.ImportReport;
import nl.mailwijs.imports.ImportSource;
import nl.mailwijs.imports.Importer;

/**
 * Imports started from the web pages, run one at a time on a thread of their own so the page
 * can show how far they are: first the data rows are counted (a pass over the files that does
 * not touch the database), then the import reports the rows read after each stored batch. A
 * finished job is kept an hour for its report; its upload is deleted as soon as it has run.
 */
@Component
@ConditionalOnWebApplication
class ImportJobs {

    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum State { WAITING, COUNTING, IMPORTING, DONE, FAILED }

    /**
     * A refused row as the page shows it: the column under the name it has in the person's own
     * file (the header they mapped to the field the import names), and the reason in their language.
     *
     * @param column the column's header, empty when the row as a whole is wrong
     */
    public record Rejection(String file, int line, String column, PageText reason) {
    }

    /** One import, as the progress page reads it while another thread changes it. */
    public static final class Job {
        private final String id;
        private final Instant started;
        private volatile State state = State.WAITING;
        private volatile long total = -1;
        private final AtomicLong read = new AtomicLong();
        private volatile ImportReport report;
        private final List<Rejection> rejections = Collections.synchronizedList(new ArrayList<>());
        private volatile PageText failure;
        /** Per file name, the header of the person's file that each field was read from. */
        private volatile Map<String, Map<String, String>> headers = Map.of();

        Job(String id, Instant started) {
            this.id = id;
            this.started = started;
        }

        public String getId() {
            return id;
        }

        public State getState() {
            return state;
        }

        public boolean isRunning() {
            return state != State.DONE && state != State.FAILED;
        }

        /** Data rows in all files, or -1 while they are being counted. */
        public long getTotal() {
            return total;
        }

        public long getRead() {
            return Math.min(read.get(), Math.max(total, 0));
        }

        public ImportReport getReport() {
            return report;
        }

        public List<Rejection> getRejections() {
            synchronized (rejections) {
                return List.copyOf(rejections);
            }
        }

        public boolean isRejectionsCut() {
            return report != null && report.rejected() > rejections.size();
        }

        public PageText getFailure() {
            return failure;
        }

        void reject(ImportRejection rejection) {
            String column = headers.getOrDefault(rejection.file(), Map.of()).getOrDefault(rejection.column(), rejection.column());
            rejections.add(new Rejection(rejection.file(), rejection.line(), column, PageText.of(rejection.code(), rejection.arguments())));
        }
    }

    /** A file to import: its upload, and the header names its columns are given. */
    record MappedFile(ImportUploads.StoredFile file, List<String> columns) {

        InputStream open() throws IOException {
            return file.header().renamed(columns, file.open());
        }

        /** The file's own header of each field read. */
        Map<String, String> headers() {
            Map<String, String> headers = new HashMap<>();
            List<String> names = file.header().names();
            for (int i = 0; i < columns.size() && i < names.size(); i++) {
                if (!columns.get(i).isEmpty() && !names.get(i).isBlank()) {
                    headers.put(columns.get(i), names.get(i).strip());
                }
            }
            return headers;
        }
    }

    private final Importer importer;
    private final ImportUploads uploads;
    private final Clock clock;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("mailwijs-web-import").daemon()
            .factory());
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
            .name("mailwijs-web-import-sweep").daemon().factory());

    ImportJobs(Importer importer, ImportUploads uploads, Clock clock) {
        this.importer = importer;
        this.uploads = uploads;
        this.clock = clock;
        sweeper.scheduleWithFixedDelay(this::sweep, 10, 10, TimeUnit.MINUTES);
    }

    /** Queues the import of an upload's files as mapped; the upload is deleted once it has run. */
    Job start(ImportUploads.Upload upload, List<MappedFile> files) {
        Job job = new Job(newId(), clock.instant());
        jobs.put(job.id, job);
        runner.submit(() -> run(job, upload, files));
        return job;
    }

    Optional<Job> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(jobs.get(id));
    }

    private void run(Job job, ImportUploads.Upload upload, List<MappedFile> files) {
        List<ImportSource> sources = new ArrayList<>();
        Map<String, Map<String, String>> headers = new HashMap<>();
        // Two files of one name cannot say whose header a rejection's column is: theirs keep the import's names.
        files.forEach(file -> headers.merge(file.file().name(), file.headers(), (first, second) -> Map.of()));
        job.headers = Map.copyOf(headers);
        try {
            job.state = State.COUNTING;
            long total = 0;
            for (MappedFile file : files) {
                total += rows(file);
            }
            job.total = total;
            job.state = State.IMPORTING;
            for (MappedFile file : files) {
                sources.add(new ImportSource(file.file().kind(), file.file().name(), file.file().size(), file.open()));
            }
            job.report = importer.importFiles(sources, rejection -> {
                if (job.rejections.size() < ImportPages.REJECTIONS_SHOWN) {
                    job.reject(rejection);
                }
            }, job.read::addAndGet);
            job.state = State.DONE;
        } catch (AuditInputException e) {
            job.failure = PageText.problemOf(e);
            job.state = State.FAILED;
        } catch (IOException | RuntimeException e) {
            LOG.warn("import {} from the web pages failed", job.id, e);
            // What failed is for the log, where the page sends the reader.
            job.failure = PageText.of("import.error.unexpected");
            job.state = State.FAILED;
        } finally {
            for (ImportSource source : sources) {
                try {
                    source.in().close();
                } catch (IOException ignored) {
                    // Deleted with its upload below.
                }
            }
            uploads.discard(upload.id());
        }
    }

    /** The data rows of a file as the import will count them (blank rows not counted). */
    private static long rows(MappedFile file) throws IOException {
        try (Export export = Export.open(file.file().kind(), file.file().name(), file.file().size(), file.open(), List.of())) {
            long rows = 0;
            while (export.next() != null) {
                rows++;
            }
            return rows;
        }
    }

    private void sweep() {
        try {
            uploads.sweep();
            Instant before = clock.instant().minus(ImportUploads.KEPT_FOR);
            jobs.values().removeIf(job -> !job.isRunning() && job.started.isBefore(before));
        } catch (RuntimeException e) {
            LOG.warn("sweeping old imports failed", e);
        }
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
        runner.shutdownNow();
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
