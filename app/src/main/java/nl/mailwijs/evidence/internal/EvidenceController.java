package nl.mailwijs.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.mailwijs.apijson.JsonObjectFields;
import nl.mailwijs.contacts.UnknownContactException;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.evidence.Appended;
import nl.mailwijs.evidence.ChainVerification;
import nl.mailwijs.evidence.ConsentWording;
import nl.mailwijs.evidence.EvidenceContent;
import nl.mailwijs.evidence.EvidenceDocument;
import nl.mailwijs.evidence.EvidenceKind;
import nl.mailwijs.evidence.EvidenceRecord;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.WordingRegistration;
import nl.mailwijs.platform.RequestBodies;

/**
 * The ledger over REST: appending evidence, one record, the chain check, and consent wordings
 * (a contact with its evidence and basis is served by the decisions module). Only GET and POST: nothing updates or deletes a record; a
 * correction is a POST with {@code supersedes}.
 */
@RestController
class EvidenceController {

    /** Raw evidence (a complaint e-mail) can be long; a whole mailbox cannot. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final Set<String> ENVELOPE = Set.of("kind", "supersedes");
    private static final Set<String> WORDING_FIELDS = Set.of("wording", "version", "language");

    private final Ledger ledger;

    EvidenceController(Ledger ledger) {
        this.ledger = ledger;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VerificationDocument(boolean intact, Long records, Long brokenAt, String reason) {
    }

    /**
     * Body: {@code {"kind": "CONSENT", ...the fields of that kind...}}, with {@code "supersedes": id}
     * for a correction. 201 with Location for a new record; 200 with the earlier record when the
     * same content with the same source id was recorded before.
     */
    @PostMapping("/api/v1/contacts/{id}/evidence")
    ResponseEntity<EvidenceDocument> append(@PathVariable("id") String id, InputStream body) throws IOException {
        long contactId = id("id", id);
        JsonObjectFields json = JsonObjectFields.parse(RequestBodies.read(body, MAX_BODY_BYTES));
        EvidenceKind kind = json.requiredEnum("kind", EvidenceKind.class);
        Long supersedes = json.optionalId("supersedes");
        EvidenceContent content = EvidenceContentJson.read(kind, json, ENVELOPE);
        Appended appended = supersedes == null ? ledger.append(contactId, content) : ledger.correct(contactId, supersedes, content);
        return ResponseEntity.status(appended.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/evidence/" + appended.record().id()))
                .body(EvidenceDocument.of(appended.record(), null));
    }

    @GetMapping("/api/v1/evidence/{id}")
    ResponseEntity<EvidenceDocument> record(@PathVariable("id") String id) {
        long recordId = id("id", id);
        return ledger.record(recordId)
                .map(record -> ResponseEntity.ok(EvidenceDocument.of(record, null)))
                .orElseGet(() -> ResponseEntity.of(notFound("There is no evidence record " + recordId + ".")).build());
    }

    /** 200 either way: a broken chain is a finding about the data, not a failed request. */
    @GetMapping("/api/v1/evidence/verify")
    VerificationDocument verify() {
        ChainVerification verification = ledger.verify();
        return verification.intact()
                ? new VerificationDocument(true, verification.records(), null, null)
                : new VerificationDocument(false, null, verification.brokenAt(), verification.reason());
    }

    /** Body: {@code {"wording": "...", "version": "form-3", "language": "nl"}}. */
    @PostMapping("/api/v1/consent-wordings")
    ResponseEntity<ConsentWording> registerWording(InputStream body) throws IOException {
        JsonObjectFields json = JsonObjectFields.parse(RequestBodies.read(body, MAX_BODY_BYTES));
        json.allowOnly(WORDING_FIELDS);
        String wording = json.requiredString("wording");
        String version = json.optionalString("version");
        String language = json.optionalString("language");
        WordingRegistration registered;
        try {
            registered = ledger.registerWording(wording, version, language);
        } catch (InvalidRequestException e) {
            // The ledger names the fields as a consent record does (wordingVersion); this body says version.
            throw new InvalidRequestException(wordingField(e.field()), e.problem());
        }
        return ResponseEntity.status(registered.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/consent-wordings/" + registered.wording().id()))
                .body(registered.wording());
    }

    @GetMapping("/api/v1/consent-wordings/{id}")
    ResponseEntity<ConsentWording> wording(@PathVariable("id") String id) {
        long wordingId = id("id", id);
        return ledger.wording(wordingId)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.of(notFound("There is no consent wording " + wordingId + ".")).build());
    }

    @ExceptionHandler(UnknownContactException.class)
    ProblemDetail unknownContact(UnknownContactException e) {
        return notFound(e.getMessage());
    }

    private static ProblemDetail notFound(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("Not found");
        return problem;
    }

    private static String wordingField(String field) {
        return switch (field) {
            case "wordingVersion" -> "version";
            case "wordingLanguage" -> "language";
            default -> field;
        };
    }

    private static long id(String field, String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException(field, "'" + text + "' is not an id (a positive whole number)");
    }
}
