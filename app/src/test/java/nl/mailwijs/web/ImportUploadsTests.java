package nl.mailwijs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;

import nl.mailwijs.audit.AuditFile;
import nl.mailwijs.audit.AuditInputException;

/** Uploads wait on the server under a random id, for an hour at most, and are deleted when discarded. */
class ImportUploadsTests {

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void anUploadIsKeptUnderARandomIdForAnHourAndThenDeleted() throws Exception {
        MovableClock clock = new MovableClock();
        ImportUploads uploads = new ImportUploads(clock);
        try {
            ImportUploads.Upload upload = uploads.store(List.of(posted("../../etc/passwd", "\uFEFFKlantnummer;E-mailadres\nk-1;a@example.nl\n")));
            Path stored = upload.files().getFirst().path();

            assertThat(upload.id()).matches("[A-Za-z0-9_-]{22}");
            assertThat(stored.getFileName().toString()).as("stored under the kind's name, not the browser's").isEqualTo("contacts.csv");
            assertThat(upload.files().getFirst().name()).isEqualTo("../../etc/passwd");
            assertThat(upload.files().getFirst().header().names()).containsExactly("Klantnummer", "E-mailadres");
            assertThat(uploads.find(upload.id())).isPresent();
            assertThat(uploads.find("../" + upload.id())).as("an id of another form finds nothing").isEmpty();

            clock.now = clock.now.plus(ImportUploads.KEPT_FOR).plus(Duration.ofMinutes(1));
            uploads.sweep();

            assertThat(uploads.find(upload.id())).isEmpty();
            assertThat(Files.exists(stored)).isFalse();
        } finally {
            uploads.deleteAll();
        }
    }

    @Test
    void aDiscardedUploadIsDeletedAndAFileWithoutAHeaderIsNotKept() throws Exception {
        ImportUploads uploads = new ImportUploads(new MovableClock());
        try {
            ImportUploads.Upload upload = uploads.store(List.of(posted("contacts.csv", "contact_id\nk-1\n")));
            uploads.discard(upload.id());
            assertThat(uploads.find(upload.id())).isEmpty();
            assertThat(Files.exists(upload.files().getFirst().path().getParent())).isFalse();

            assertThatThrownBy(() -> uploads.store(List.of(posted("leeg.csv", "")))).isInstanceOf(AuditInputException.class);
        } finally {
            uploads.deleteAll();
        }
    }

    private static ImportUploads.Posted posted(String name, String content) {
        return new ImportUploads.Posted(AuditFile.CONTACTS, name, new MockMultipartFile("contacts", name, "text/csv",
                content.getBytes(StandardCharsets.UTF_8)));
    }
}
