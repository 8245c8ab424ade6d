package nl.mailwijs.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import nl.mailwijs.audit.AuditFile;
import nl.mailwijs.audit.ExportHeader;

/**
 * Uploaded exports kept on the server between choosing the columns and importing them: each
 * upload a directory under a temporary one, named by a random id that only the session which
 * uploaded it knows (see {@link ImportPages}); nothing the browser sends is used as a path.
 * An upload is deleted when its import has run, or an hour after it arrived.
 */
@Component
@ConditionalOnWebApplication
class ImportUploads {

    static final Duration KEPT_FOR = Duration.ofHours(1);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One file of an upload: the export it is, the name it had, where it lies, and its header. */
    record StoredFile(AuditFile kind, String name, Path path, ExportHeader header) {

        InputStream open() throws IOException {
            return Files.newInputStream(path);
        }

        long size() throws IOException {
            return Files.size(path);
        }
    }

    record Upload(String id, Instant at, List<StoredFile> files) {
    }

    /** A file as posted, before it is stored. */
    record Posted(AuditFile kind, String name, MultipartFile file) {
    }

    private final Path root;
    private final Clock clock;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    ImportUploads(Clock clock) throws IOException {
        this.clock = clock;
        this.root = Files.createTempDirectory("mailwijs-imports-");
    }

    /**
     * Stores the files and reads their headers.
     *
     * @throws nl.mailwijs.audit.AuditInputException when a file has no header that can be read (nothing is kept then)
     */
    Upload store(List<Posted> posted) throws IOException {
        sweep();
        String id = newId();
        Path directory = Files.createDirectory(root.resolve(id));
        try {
            List<StoredFile> files = new ArrayList<>();
            for (Posted file : posted) {
                // Stored under the kind's own name: the name the browser gave is only shown, never a path.
                Path path = directory.resolve(file.kind().fileName());
                try (InputStream in = file.file().getInputStream()) {
                    Files.copy(in, path);
                }
                ExportHeader header;
                try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(path))) {
                    header = ExportHeader.read(in, file.name());
                }
                files.add(new StoredFile(file.kind(), file.name(), path, header));
            }
            Upload upload = new Upload(id, clock.instant(), List.copyOf(files));
            uploads.put(id, upload);
            return upload;
        } catch (IOException | RuntimeException e) {
            delete(directory);
            throw e;
        }
    }

    /** The upload with this id, if it is still kept; an id of the wrong form finds nothing. */
    Optional<Upload> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Upload upload = uploads.get(id);
        if (upload != null && expired(upload)) {
            discard(id);
            return Optional.empty();
        }
        return Optional.ofNullable(upload);
    }

    void discard(String id) {
        Upload upload = uploads.remove(id);
        if (upload != null) {
            delete(root.resolve(upload.id()));
        }
    }

    /** Deletes the uploads older than an hour; called with every new upload and by {@link ImportJobs}' sweep. */
    void sweep() {
        uploads.values().stream().filter(this::expired).map(Upload::id).toList().forEach(this::discard);
    }

    @PreDestroy
    void deleteAll() {
        uploads.keySet().forEach(this::discard);
        delete(root);
    }

    private boolean expired(Upload upload) {
        return upload.at().plus(KEPT_FOR).isBefore(clock.instant());
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
