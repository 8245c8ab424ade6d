package nl.mailwijs.web;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
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

    /** One import, as the progress page reads it while another thread changes it. */
    public static final class Job {
        private final String id;
        private final Instant started;
        private volatile State state = State.WAITING;
        private volatile long total = -1;
        private final AtomicLong read = new AtomicLong();
        private volatile ImportReport report;
        private final List<ImportRejection> rejections = Collections.synchronizedList(new ArrayList<>());
        private volatile String failure;

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

        public List<ImportRejection> getRejections() {
            synchronized (rejections) {
                return List.copyOf(rejections);
            }
        }

        public boolean isRejectionsCut() {
            return report != null && report.rejected() > rejections.size();
        }

        public String getFailure() {
            return failure;
        }
    }

    /** A file to import: its upload, and the header names its columns are given. */
    record MappedFile(ImportUploads.StoredFile file, List<String> columns) {

        InputStream open() throws IOException {
            return file.header().renamed(columns, file.open());
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
                    job.rejections.add(rejection);
                }
            }, job.read::addAndGet);
            job.state = State.DONE;
        } catch (AuditInputException e) {
            job.failure = e.getMessage();
            job.state = State.FAILED;
        } catch (IOException | RuntimeException e) {
            LOG.warn("import {} from the web pages failed", job.id, e);
            job.failure = e.toString();
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
