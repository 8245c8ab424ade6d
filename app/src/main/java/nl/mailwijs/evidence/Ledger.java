package nl.mailwijs.evidence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.UnknownContactException;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Evidence;
import nl.mailwijs.evidence.internal.ChainHash;
import nl.mailwijs.evidence.internal.EngineEvidence;
import nl.mailwijs.evidence.internal.EvidenceContentJson;
import nl.mailwijs.evidence.internal.EvidenceSql;
import nl.mailwijs.platform.BulkWrites;

/**
 * The evidence ledger: append-only and tamper-evident.
 *
 * <p>Each record is hashed together with the hash of the record before it (see
 * {@link ChainHash} for the exact definition), so a record changed or removed after the fact
 * breaks the chain at that record, and {@link #verify()} says where. Appends lock the chain
 * head, so concurrent writers, in one process or several on the same database, still form one
 * line. Nothing here updates or deletes a record; a correction is a new record that supersedes
 * the old one, and both are kept.
 *
 * <p>This makes tampering visible, not impossible: someone who can write to the database can
 * rewrite the whole chain from the altered record on. Publishing the head hash elsewhere from
 * time to time (a mail to the compliance officer, a timestamping service) closes that gap.
 */
@Service
public class Ledger {

    /** Records read per query while verifying, so a long chain needs little memory. */
    static final int VERIFY_PAGE = 1_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Contacts contacts;
    private final BulkWrites bulk;
    private final ApplicationEventPublisher events;

    /** A ledger that tells no one of its appends: for tools and tests without listeners. */
    public Ledger(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, Contacts contacts, BulkWrites bulk) {
        this(jdbc, transactions, clock, contacts, bulk, event -> {
        });
    }

    @Autowired
    public Ledger(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, Contacts contacts, BulkWrites bulk,
                  ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.contacts = contacts;
        this.bulk = bulk;
        this.events = events;
    }

    /** After a bulk append: lets the database plan look-ups for the ledger's new size (see {@link BulkWrites}). */
    public void refreshStatistics() {
        bulk.refreshStatistics(List.of("evidence_record"));
    }

    /**
     * Records evidence for a contact. Sending the same content with the same source id again
     * returns the record made the first time ({@link Appended#created()} false).
     *
     * @throws UnknownContactException when there is no such contact
     * @throws InvalidRequestException naming the field, e.g. {@code id} when a different record
     *                                 with this source id exists (correct it instead), or
     *                                 {@code consentId} when a withdrawal names no consent
     */
    public Appended append(long contactId, EvidenceContent content) {
        return write(contactId, null, content);
    }

    /**
     * Records a correction: new content that supersedes a record of the same contact and kind.
     * The old record stays in the ledger, marked as superseded; it no longer counts as evidence.
     */
    public Appended correct(long contactId, long supersededRecordId, EvidenceContent content) {
        return write(contactId, supersededRecordId, content);
    }

    /** What {@link #erase} did. */
    public record Erasure(EvidenceRecord erasureRecord, List<Long> erasedRecords, List<ObjectionEvidence> objections) {
    }

    /**
     * Erases the personal content of every record of a contact (AVG 17), keeping the chain whole:
     * each record's content becomes a marker without personal data while the digest its hash
     * covers stays, and an {@link EvidenceKind#ERASURE} record naming them is appended. Under the
     * chain-head lock, so no append for this contact slips in between.
     *
     * @param keepSuppressions called first, in the same transaction, with the objections that held
     *                         for the contact (corrected ones left out): keeps what must outlive the
     *                         erasure and answers how many suppression entries it kept
     * @throws UnknownContactException when there is no such contact (or it was erased before)
     */
    public Erasure erase(long contactId, java.util.function.ToIntFunction<List<ObjectionEvidence>> keepSuppressions) {
        return transaction.execute(status -> {
            Head head = lockHead();
            if (!contacts.exists(contactId)) {
                throw new UnknownContactException(contactId);
            }
            List<EvidenceRecord> records = recordsOf(contactId);
            java.util.Set<Long> corrected = new java.util.HashSet<>();
            records.forEach(record -> {
                if (record.supersedes() != null) {
                    corrected.add(record.supersedes());
                }
            });
            List<ObjectionEvidence> objections = records.stream()
                    .filter(record -> !corrected.contains(record.id()))
                    .map(EvidenceRecord::content)
                    .filter(ObjectionEvidence.class::isInstance)
                    .map(ObjectionEvidence.class::cast)
                    .toList();
            int suppressions = keepSuppressions.applyAsInt(objections);
            List<Long> erased = records.stream()
                    .filter(record -> record.kind() != EvidenceKind.ERASURE && !(record.content() instanceof ErasedEvidence))
                    .map(EvidenceRecord::id)
                    .toList();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            jdbc.sql(EvidenceSql.ERASE_CONTENT)
                    .param("marker", EvidenceContentJson.erasedMarker(now))
                    .param("erasedAt", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .param("contactId", contactId)
                    .update();
            ErasureEvidence erasure = new ErasureEvidence(now, erased, suppressions);
            EvidenceRecord record = insert(head, contactId, erasure, EvidenceContentJson.write(erasure), null);
            return new Erasure(record, erased, objections);
        });
    }

    private Appended write(long contactId, Long supersedes, EvidenceContent content) {
        Objects.requireNonNull(content, "content");
        return transaction.execute(status -> {
            if (!contacts.exists(contactId)) {
                throw new UnknownContactException(contactId);
            }
            Head head = lockHead();
            EvidenceContent resolved = resolve(contactId, content);
            if (supersedes != null) {
                checkCorrectable(contactId, supersedes, resolved.kind());
            }
            String contentJson = EvidenceContentJson.write(resolved);
            if (supersedes == null && resolved.id() != null) {
                Optional<EvidenceRecord> earlier = currentByExternalId(contactId, resolved.kind(), resolved.id());
                if (earlier.isPresent()) {
                    if (earlier.get().contentJson().equals(contentJson)) {
                        return new Appended(earlier.get(), false);
                    }
                    throw new InvalidRequestException("id", EvidenceProblem.ID_TAKEN, "a " + resolved.kind() + " with id '" + resolved.id()
                            + "' is already recorded for this contact as record " + earlier.get().id()
                            + " with other content; to correct it, send \"supersedes\": " + earlier.get().id(), resolved.id(), earlier.get().id());
                }
            }
            EvidenceRecord record = insert(head, contactId, resolved, contentJson, supersedes);
            if (resolved instanceof ObjectionEvidence objection) {
                events.publishEvent(new ObjectionRecorded(record.id(), contactId, record.recordedAt(), objection));
            }
            return new Appended(record, true);
        });
    }

    /** Appends one record after the locked head and moves the head to it. */
    private EvidenceRecord insert(Head head, long contactId, EvidenceContent content, String contentJson, Long supersedes) {
        long id = head.lastRecordId() + 1;
        Instant recordedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String digest = ChainHash.sha256(contentJson);
        String hash = ChainHash.overDigest(head.lastHash(), id, contactId, content.kind().name(), content.id(), recordedAt, supersedes, digest);
        jdbc.sql(EvidenceSql.INSERT_RECORD)
                .param("id", id)
                .param("contactId", contactId)
                .param("kind", content.kind().name())
                .param("externalId", content.id())
                .param("recordedAt", OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC))
                .param("content", contentJson)
                .param("contentDigest", digest)
                .param("supersedes", supersedes)
                .param("previousHash", head.lastHash())
                .param("hash", hash)
                .update();
        jdbc.sql(EvidenceSql.MOVE_HEAD).param("id", id).param("hash", hash).update();
        return new EvidenceRecord(id, contactId, content.kind(), content.id(), recordedAt, supersedes, content, contentJson,
                head.lastHash(), hash);
    }

    /** One record for {@link #appendAll}. */
    public record Entry(long contactId, EvidenceContent content) {

        public Entry {
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * What {@link #appendAll} did with one entry: appended (or found already recorded), or refused.
     *
     * @param refused an {@link InvalidRequestException} naming the field, or an {@link UnknownContactException}; null when appended
     */
    public record Outcome(Appended appended, RuntimeException refused) {
    }

    private static final List<String> RECORD_COLUMNS = List.of("id", "contact_id", "kind", "external_id", "recorded_at", "content",
            "content_digest", "supersedes", "previous_hash", "hash");

    /**
     * {@link #append} for many records under one lock of the chain head, in one transaction:
     * what an import uses. Each entry is checked as {@code append} checks it (same content and
     * source id again: the earlier record; another content under that id: refused), also against
     * the entries before it in the batch; a refused entry does not stop the others. The records
     * are hashed exactly as {@code append} hashes them, one after the other.
     */
    public List<Outcome> appendAll(List<Entry> entries) {
        return appendAll(entries, new Run());
    }

    /**
     * A series of {@link #appendAll} calls that never repeats a contact, kind and source id
     * among its entries (an import makes sure of that per file). Each call then compares its
     * entries only with the records from before the series: the records the series appended
     * itself cannot match, and skipping them keeps every batch of a large import as fast as
     * the first.
     */
    public static final class Run {
        /** The series' own records: ids ownFrom..ownTo, contiguous up to the chain head; none while ownFrom > ownTo. */
        private long ownFrom = 1;
        private long ownTo = 0;
        private final boolean contactIdsFromContacts;

        /** A run that checks, per batch, that every contact id names a contact. */
        public Run() {
            this(false);
        }

        private Run(boolean contactIdsFromContacts) {
            this.contactIdsFromContacts = contactIdsFromContacts;
        }

        /**
         * A run whose caller takes every contact id from {@link Contacts} (as stored or found by
         * it a moment before), so the run does not look them up again: contacts are never
         * deleted. An import's evidence files save 1.5 million look-ups this way.
         */
        public static Run withContactIdsFromContacts() {
            return new Run(true);
        }
    }

    /** {@link #appendAll(List)} as one call of a {@link Run}. */
    public List<Outcome> appendAll(List<Entry> entries, Run run) {
        return appendAll(entries, run, false);
    }

    /**
     * Records that arrived one by one (each an {@link #append} of its own caller) in one
     * transaction, so that one lock of the chain head and one commit serve them all; each
     * objection is announced as {@link #append} announces it. See {@link GroupedAppends}.
     */
    List<Outcome> appendArrived(List<Entry> entries) {
        return appendAll(entries, new Run(), true);
    }

    /** @param announce whether appended objections are published as {@link ObjectionRecorded}, in the transaction */
    private List<Outcome> appendAll(List<Entry> entries, Run run, boolean announce) {
        if (entries.isEmpty()) {
            return List.of();
        }
        long[] appended = new long[2];
        List<Outcome> result = transaction.execute(status -> {
            Head head = lockHead();
            // Whoever appended since the series' last call broke its run: from here on, only what follows is its own.
            boolean runIntact = run.ownFrom <= run.ownTo && run.ownTo == head.lastRecordId();
            long readBelow = runIntact ? run.ownFrom : head.lastRecordId() + 1;
            appended[0] = runIntact ? run.ownFrom : head.lastRecordId() + 1;
            List<Long> contactIds = entries.stream().map(Entry::contactId).distinct().toList();
            java.util.Set<Long> known = new java.util.HashSet<>();
            java.util.Map<String, EvidenceRecord> current = new java.util.HashMap<>();
            for (int from = 0; from < contactIds.size(); from += 1_000) {
                List<Long> chunk = contactIds.subList(from, Math.min(contactIds.size(), from + 1_000));
                if (run.contactIdsFromContacts) {
                    known.addAll(chunk);
                } else {
                    known.addAll(jdbc.sql(EvidenceSql.CONTACTS_AMONG).param("contactIds", chunk).query(Long.class).list());
                }
                List<EvidenceRecord> records = jdbc.sql(EvidenceSql.RECORDS_OF_CONTACTS_BELOW).param("contactIds", chunk)
                        .param("below", readBelow).query(this::evidenceRecord).list();
                java.util.Set<Long> corrected = new java.util.HashSet<>();
                records.forEach(found -> {
                    if (found.supersedes() != null) {
                        corrected.add(found.supersedes());
                    }
                });
                for (EvidenceRecord found : records) {
                    if (found.externalId() != null && !corrected.contains(found.id())) {
                        current.putIfAbsent(key(found.contactId(), found.kind(), found.externalId()), found);
                    }
                }
            }
            java.util.Map<ConsentEvidence.Wording, ConsentEvidence.Wording> wordings = new java.util.HashMap<>();
            List<Outcome> outcomes = new java.util.ArrayList<>(entries.size());
            List<Object[]> rows = new java.util.ArrayList<>(entries.size());
            List<ObjectionRecorded> announced = new java.util.ArrayList<>();
            long lastId = head.lastRecordId();
            String lastHash = head.lastHash();
            Instant recordedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            OffsetDateTime recordedAtColumn = OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC);
            for (Entry entry : entries) {
                long contactId = entry.contactId();
                try {
                    if (!known.contains(contactId)) {
                        throw new UnknownContactException(contactId);
                    }
                    EvidenceContent resolved = switch (entry.content()) {
                        case ConsentEvidence consent -> {
                            ConsentEvidence.Wording wording = wordings.get(consent.wording());
                            if (wording == null) {
                                wording = resolveWording(consent.wording());
                                wordings.put(consent.wording(), wording);
                            }
                            yield consent.with(wording);
                        }
                        case WithdrawalEvidence withdrawal when withdrawal.consentRecordId() == null -> {
                            EvidenceRecord consent = current.get(key(contactId, EvidenceKind.CONSENT, withdrawal.consentId()));
                            if (consent == null) {
                                throw new InvalidRequestException("consentId", EvidenceProblem.UNKNOWN_CONSENT, "no consent with id '"
                                        + withdrawal.consentId() + "' is recorded for contact " + contactId, withdrawal.consentId());
                            }
                            yield withdrawal.naming(consent.id());
                        }
                        case WithdrawalEvidence withdrawal -> withdrawal.naming(withdrawnConsent(contactId, withdrawal));
                        default -> entry.content();
                    };
                    String contentJson = EvidenceContentJson.write(resolved);
                    String key = resolved.id() == null ? null : key(contactId, resolved.kind(), resolved.id());
                    if (key != null) {
                        EvidenceRecord earlier = current.get(key);
                        if (earlier != null) {
                            if (earlier.contentJson().equals(contentJson)) {
                                outcomes.add(new Outcome(new Appended(earlier, false), null));
                                continue;
                            }
                            throw new InvalidRequestException("id", EvidenceProblem.ID_TAKEN, "a " + resolved.kind() + " with id '" + resolved.id()
                                    + "' is already recorded for this contact as record " + earlier.id()
                                    + " with other content; to correct it, send \"supersedes\": " + earlier.id(), resolved.id(), earlier.id());
                        }
                    }
                    long id = ++lastId;
                    String digest = ChainHash.sha256(contentJson);
                    String hash = ChainHash.overDigest(lastHash, id, contactId, resolved.kind().name(), resolved.id(), recordedAt, null, digest);
                    EvidenceRecord record = new EvidenceRecord(id, contactId, resolved.kind(), resolved.id(), recordedAt, null, resolved,
                            contentJson, lastHash, hash);
                    rows.add(new Object[] {id, contactId, resolved.kind().name(), resolved.id(), recordedAtColumn, contentJson, digest, null,
                            lastHash, hash});
                    lastHash = hash;
                    if (key != null) {
                        current.put(key, record);
                    }
                    outcomes.add(new Outcome(new Appended(record, true), null));
                    if (announce && resolved instanceof ObjectionEvidence objection) {
                        announced.add(new ObjectionRecorded(id, contactId, recordedAt, objection));
                    }
                } catch (InvalidRequestException | UnknownContactException e) {
                    outcomes.add(new Outcome(null, e));
                }
            }
            bulk.insert("evidence_record", RECORD_COLUMNS, rows);
            if (lastId != head.lastRecordId()) {
                jdbc.sql(EvidenceSql.MOVE_HEAD).param("id", lastId).param("hash", lastHash).update();
            }
            // After the rows exist: a listener writes rows that refer to them.
            announced.forEach(events::publishEvent);
            appended[1] = lastId;
            return outcomes;
        });
        // Only once committed: a batch rolled back appended nothing.
        if (appended[1] >= appended[0]) {
            run.ownFrom = appended[0];
            run.ownTo = appended[1];
        }
        return result;
    }

    private static String key(long contactId, EvidenceKind kind, String externalId) {
        return contactId + " " + kind.name() + " " + externalId;
    }

    /** Fills in what the stored record must carry: the wording's id and text, the withdrawn consent's record. */
    private EvidenceContent resolve(long contactId, EvidenceContent content) {
        return switch (content) {
            case ConsentEvidence consent -> consent.with(resolveWording(consent.wording()));
            case WithdrawalEvidence withdrawal -> withdrawal.naming(withdrawnConsent(contactId, withdrawal));
            default -> content;
        };
    }

    private long withdrawnConsent(long contactId, WithdrawalEvidence withdrawal) {
        if (withdrawal.consentRecordId() != null) {
            EvidenceRecord consent = record(withdrawal.consentRecordId())
                    .filter(found -> found.contactId() == contactId && found.kind() == EvidenceKind.CONSENT)
                    .orElseThrow(() -> new InvalidRequestException("consentRecordId", "record " + withdrawal.consentRecordId()
                            + " is not a consent of contact " + contactId));
            if (withdrawal.consentId() != null && !withdrawal.consentId().equals(consent.externalId())) {
                throw new InvalidRequestException("consentId", "record " + consent.id() + " is consent '" + consent.externalId()
                        + "', not '" + withdrawal.consentId() + "'; give one of the two");
            }
            return consent.id();
        }
        return currentByExternalId(contactId, EvidenceKind.CONSENT, withdrawal.consentId())
                .map(EvidenceRecord::id)
                .orElseThrow(() -> new InvalidRequestException("consentId", EvidenceProblem.UNKNOWN_CONSENT, "no consent with id '"
                        + withdrawal.consentId() + "' is recorded for contact " + contactId, withdrawal.consentId()));
    }

    private void checkCorrectable(long contactId, long supersedes, EvidenceKind kind) {
        EvidenceRecord old = record(supersedes)
                .filter(found -> found.contactId() == contactId)
                .orElseThrow(() -> new InvalidRequestException("supersedes", "record " + supersedes + " is not evidence of contact " + contactId));
        if (old.kind() != kind) {
            throw new InvalidRequestException("supersedes", "record " + supersedes + " is a " + old.kind()
                    + "; a correction has the same kind as what it corrects");
        }
        Optional<Long> correction = jdbc.sql(EvidenceSql.CORRECTED_BY).param("id", supersedes).query(Long.class).optional();
        if (correction.isPresent()) {
            throw new InvalidRequestException("supersedes", "record " + supersedes + " was already corrected by record "
                    + correction.get() + "; correct that one instead");
        }
    }

    // --- reading

    public Optional<EvidenceRecord> record(long id) {
        return jdbc.sql(EvidenceSql.RECORD_BY_ID).param("id", id).query(this::evidenceRecord).optional();
    }

    /** Every record of the contact in the order recorded, superseded ones included. */
    public List<EvidenceRecord> recordsOf(long contactId) {
        return jdbc.sql(EvidenceSql.RECORDS_OF_CONTACT).param("contactId", contactId).query(this::evidenceRecord).list();
    }

    /**
     * The newest records of one kind among the ledger's last {@code window} records, newest
     * first: what a dashboard calls recent. It reads a range of the primary key, never the whole
     * ledger, however rare the kind.
     */
    public List<EvidenceRecord> recentOfKind(EvidenceKind kind, int limit, long window) {
        long last = jdbc.sql(EvidenceSql.READ_HEAD).query(Ledger::head).single().lastRecordId();
        return jdbc.sql(EvidenceSql.RECENT_OF_KIND).param("kind", kind.name()).param("after", Math.max(0, last - window))
                .param("limit", limit).query(this::evidenceRecord).list();
    }

    /**
     * The contact's evidence as the decision engine takes it: superseded records left out,
     * withdrawals applied to their consents. Objections are the person's: they apply to whatever
     * address the decision is about, including addresses added after the objection.
     */
    public Evidence evidenceOf(long contactId) {
        if (!contacts.exists(contactId)) {
            throw new UnknownContactException(contactId);
        }
        return EngineEvidence.of(recordsOf(contactId));
    }

    /** A contact's evidence as the engine takes it, and the ledger record behind each evidence id it may name. */
    public record ContactEvidence(Evidence evidence, Map<String, Long> recordIdsByEngineId) {
    }

    /**
     * {@link #evidenceOf} and {@link #recordIdsByEngineId} for many contacts in a few queries: what a
     * campaign's pre-flight and its senders use. Contacts without records get empty evidence.
     */
    public Map<Long, ContactEvidence> evidenceOfAll(java.util.Collection<Long> contactIds) {
        Map<Long, List<EvidenceRecord>> byContact = new HashMap<>();
        List<Long> all = List.copyOf(new java.util.LinkedHashSet<>(contactIds));
        for (int from = 0; from < all.size(); from += 1_000) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + 1_000));
            // list(), not stream(): outside a transaction a stream holds its connection until closed.
            jdbc.sql(EvidenceSql.RECORDS_OF_CONTACTS_BELOW).param("contactIds", chunk).param("below", Long.MAX_VALUE)
                    .query(this::evidenceRecord).list().stream()
                    .forEach(record -> byContact.computeIfAbsent(record.contactId(), id -> new java.util.ArrayList<>()).add(record));
        }
        Map<Long, ContactEvidence> result = new HashMap<>();
        for (Long contactId : all) {
            List<EvidenceRecord> records = byContact.getOrDefault(contactId, List.of());
            Map<String, Long> ids = new HashMap<>();
            records.forEach(record -> ids.put(EngineEvidence.engineId(record), record.id()));
            result.put(contactId, new ContactEvidence(EngineEvidence.of(records), ids));
        }
        return result;
    }

    /**
     * The ledger record behind each evidence id the engine shows for this contact (the source's
     * id, or {@code record-N}); for a corrected record, its latest correction.
     */
    public Map<String, Long> recordIdsByEngineId(long contactId) {
        Map<String, Long> ids = new HashMap<>();
        for (EvidenceRecord record : recordsOf(contactId)) {
            ids.put(EngineEvidence.engineId(record), record.id());
        }
        return ids;
    }

    private Optional<EvidenceRecord> currentByExternalId(long contactId, EvidenceKind kind, String externalId) {
        return jdbc.sql(EvidenceSql.CURRENT_BY_EXTERNAL_ID)
                .param("contactId", contactId)
                .param("kind", kind.name())
                .param("externalId", externalId)
                .query(this::evidenceRecord)
                .list().stream().findFirst();
    }

    private EvidenceRecord evidenceRecord(ResultSet row, int n) throws SQLException {
        long id = row.getLong("id");
        EvidenceKind kind = EvidenceKind.valueOf(row.getString("kind"));
        String contentJson = row.getString("content");
        EvidenceContent content;
        OffsetDateTime erasedAt = row.getObject("erased_at", OffsetDateTime.class);
        try {
            content = erasedAt != null ? new ErasedEvidence(kind, erasedAt.toInstant()) : EvidenceContentJson.read(kind, contentJson);
        } catch (InvalidRequestException e) {
            // Appends only store what this reader accepts: the row was changed outside Mailwijs.
            throw new IllegalStateException("evidence record " + id + " no longer reads as " + kind + " (" + e.getMessage()
                    + "); GET /api/v1/evidence/verify shows where the ledger was altered");
        }
        return new EvidenceRecord(id, row.getLong("contact_id"), kind, row.getString("external_id"), instant(row, "recorded_at"),
                nullableLong(row, "supersedes"), content, contentJson, row.getString("previous_hash"), row.getString("hash"));
    }

    // --- verification

    /**
     * Walks the chain in id order and recomputes every link. Reports the first record whose
     * stored hash does not match its fields and the digest of its content, whose previous hash
     * does not match the record before it, or that is missing (ids are dense, and the head names
     * the last one).
     *
     * <p>An erased record's content is gone, so its hash is recomputed from the digest it kept;
     * and it must be named by a later {@link EvidenceKind#ERASURE} record, which is itself in the
     * chain: content blanked behind Mailwijs's back shows as a broken link. A record appended
     * before V12 (no digest) that was erased can only be checked by its links: its stored hash
     * is still fixed by the record after it, but its own fields can no longer be recomputed.
     */
    public ChainVerification verify() {
        Walk walk = walk(1);
        if (walk.breaks().isEmpty()) {
            return ChainVerification.intact(walk.walked(), walk.erased());
        }
        Break first = walk.breaks().getFirst();
        return ChainVerification.broken(first.recordsBefore(), first.recordId(), first.reason());
    }

    /**
     * Walks the whole chain like {@link #verify()}, but goes on past a broken link to report every
     * broken record (up to {@code limit}), as a person checking the ledger wants to see them all.
     * After a break each later record is still checked against its own fields and against the hash
     * stored in the record before it, so one altered record is reported once, not with all after it.
     */
    public ChainReport verifyEach(int limit) {
        Walk walk = walk(Math.max(1, limit));
        List<ChainReport.Broken> broken = walk.breaks().stream()
                .map(found -> new ChainReport.Broken(found.recordId(), found.problem(), found.arguments(), found.reason()))
                .sorted(java.util.Comparator.comparingLong(ChainReport.Broken::recordId))
                .toList();
        return new ChainReport(walk.walked(), walk.erased(), broken, walk.stoppedEarly());
    }

    /** A broken link: the records verified before it (for {@link ChainVerification}), the record and what is wrong. */
    private record Break(long recordsBefore, long recordId, ChainReport.Problem problem, List<Object> arguments, String reason) {

        Break(long recordsBefore, long recordId, ChainReport.Problem problem, String reason, Object... arguments) {
            this(recordsBefore, recordId, problem, java.util.Arrays.asList(arguments), reason);
        }

        Break(long recordsBefore, long recordId, OwnHashProblem own) {
            this(recordsBefore, recordId, own.problem(), own.arguments(), own.reason());
        }
    }

    /** What is wrong with a record's own hash. */
    private record OwnHashProblem(ChainReport.Problem problem, List<Object> arguments, String reason) {
    }

    /**
     * @param walked       the id of the last record looked at
     * @param stoppedEarly true when more breaks were found than asked for (the walk may have stopped before the end)
     */
    private record Walk(long walked, long erased, List<Break> breaks, boolean stoppedEarly) {
    }

    private Walk walk(int maxBreaks) {
        // The head first: records appended while we walk lie beyond it and are left for the next run.
        Head head = jdbc.sql(EvidenceSql.READ_HEAD).query(Ledger::head).single();
        List<Break> breaks = new java.util.ArrayList<>();
        long expectedId = 1;
        long erased = 0;
        String previousHash = ChainHash.GENESIS;
        // Erased records not yet named by an erasure record: id -> contact.
        java.util.TreeMap<Long, Long> unlisted = new java.util.TreeMap<>();
        while (true) {
            List<ChainLink> page = jdbc.sql(EvidenceSql.CHAIN_PAGE)
                    .param("after", expectedId - 1)
                    .param("last", head.lastRecordId())
                    .param("limit", VERIFY_PAGE)
                    .query(Ledger::chainLink)
                    .list();
            for (ChainLink link : page) {
                Break problem = null;
                if (link.id() != expectedId) {
                    breaks.add(new Break(expectedId - 1, expectedId, ChainReport.Problem.MISSING, missing(expectedId, link.id() - 1)
                            + ": record " + link.id() + " follows record " + (expectedId - 1), expectedId, link.id() - 1, link.id(),
                            link.id() - expectedId));
                    // The missing record's hash is gone with it: this link can only be checked from here on.
                    previousHash = link.previousHash();
                } else if (!link.previousHash().equals(previousHash)) {
                    problem = new Break(link.id() - 1, link.id(), ChainReport.Problem.LINK_CHANGED, "its previous_hash " + link.previousHash()
                            + " is not the hash of the record before it, " + previousHash, link.previousHash(), previousHash);
                }
                if (problem == null && breaks.size() < maxBreaks) {
                    OwnHashProblem own = ownHashProblem(link);
                    problem = own == null ? null : new Break(link.id() - 1, link.id(), own);
                }
                if (problem != null) {
                    breaks.add(problem);
                }
                if (breaks.size() >= maxBreaks) {
                    return new Walk(link.id(), erased, breaks, true);
                }
                if (link.erased()) {
                    erased++;
                    unlisted.put(link.id(), link.contactId());
                }
                if (problem == null && !link.erased() && link.kind().equals(EvidenceKind.ERASURE.name())) {
                    // Hashed and checked above, so what it names is what the erasure wrote.
                    ErasureEvidence erasure = (ErasureEvidence) EvidenceContentJson.read(EvidenceKind.ERASURE, link.contentJson());
                    erasure.erasedRecords().forEach(id -> unlisted.remove(id, link.contactId()));
                }
                // Past a break, the stored hash is what the next record must name.
                previousHash = link.hash();
                expectedId = link.id() + 1;
            }
            if (page.size() < VERIFY_PAGE) {
                break;
            }
        }
        long records = expectedId - 1;
        for (Map.Entry<Long, Long> blanked : unlisted.entrySet()) {
            breaks.add(new Break(blanked.getKey() - 1, blanked.getKey(), ChainReport.Problem.BLANKED, "its content was blanked (erased_at is"
                    + " set), but no erasure record of its contact names it: it was not erased by Mailwijs"));
        }
        if (records < head.lastRecordId()) {
            breaks.add(new Break(records, expectedId, ChainReport.Problem.MISSING_AT_END, missing(expectedId, head.lastRecordId())
                    + ": the chain head names record " + head.lastRecordId() + " as the last", expectedId, head.lastRecordId(),
                    head.lastRecordId(), head.lastRecordId() - expectedId + 1));
        } else if (!previousHash.equals(head.lastHash())) {
            breaks.add(new Break(records, head.lastRecordId(), ChainReport.Problem.HEAD_CHANGED, "the chain head's hash " + head.lastHash()
                    + " is not the hash of the last record, " + previousHash, head.lastHash(), previousHash));
        }
        boolean stoppedEarly = breaks.size() > maxBreaks;
        List<Break> kept = breaks.size() > maxBreaks ? List.copyOf(breaks.subList(0, maxBreaks)) : breaks;
        return new Walk(records, erased, kept, stoppedEarly);
    }

    /** What is wrong with the record's own hash (over its fields and content), or null when it matches. */
    private static OwnHashProblem ownHashProblem(ChainLink link) {
        String computed;
        if (link.erased()) {
            computed = link.contentDigest() == null ? link.hash()
                    : ChainHash.overDigest(link.previousHash(), link.id(), link.contactId(), link.kind(), link.externalId(),
                            link.recordedAt(), link.supersedes(), link.contentDigest());
        } else if (link.contentDigest() == null) {
            computed = ChainHash.overContent(link.previousHash(), link.id(), link.contactId(), link.kind(), link.externalId(),
                    link.recordedAt(), link.supersedes(), link.contentJson());
        } else {
            String digest = ChainHash.sha256(link.contentJson());
            if (!digest.equals(link.contentDigest())) {
                return new OwnHashProblem(ChainReport.Problem.CONTENT_CHANGED, java.util.Arrays.asList(digest, link.contentDigest()),
                        "its content hashes to " + digest + ", not to its stored content_digest " + link.contentDigest()
                                + " (content or digest was changed)");
            }
            computed = ChainHash.overDigest(link.previousHash(), link.id(), link.contactId(), link.kind(), link.externalId(),
                    link.recordedAt(), link.supersedes(), digest);
        }
        if (!computed.equals(link.hash())) {
            return new OwnHashProblem(ChainReport.Problem.FIELDS_CHANGED, java.util.Arrays.asList(link.hash(), computed), "its stored hash "
                    + link.hash()
                    + " does not match its fields and content, which hash to " + computed
                    + " (contact, kind, external id, recorded_at, supersedes or content was changed)");
        }
        return null;
    }

    private static String missing(long from, long to) {
        return from == to ? "record " + from + " is missing" : "records " + from + " to " + to + " are missing";
    }

    /** A record's columns as stored, unparsed: verify() must not depend on the content still reading. */
    private record ChainLink(long id, long contactId, String kind, String externalId, Instant recordedAt, Long supersedes,
                             String contentJson, String contentDigest, boolean erased, String previousHash, String hash) {
    }

    private static ChainLink chainLink(ResultSet row, int n) throws SQLException {
        return new ChainLink(row.getLong("id"), row.getLong("contact_id"), row.getString("kind"), row.getString("external_id"),
                instant(row, "recorded_at"), nullableLong(row, "supersedes"), row.getString("content"), row.getString("content_digest"),
                row.getObject("erased_at") != null, row.getString("previous_hash"), row.getString("hash"));
    }

    // --- consent wordings

    /**
     * Registers a consent text in a version and language, or returns the same registration
     * made before. A version label names one text per language: registering another text
     * under it is refused, as a consent that points to it would no longer prove what was shown.
     */
    public WordingRegistration registerWording(String wording, String version, String language) {
        if (wording == null || wording.isBlank()) {
            throw new InvalidRequestException("wording", "required field is missing");
        }
        ConsentEvidence.Wording valid = new ConsentEvidence.Wording(null, wording, version, language);
        return transaction.execute(status -> {
            lockHead();
            return findOrRegister(valid);
        });
    }

    public Optional<ConsentWording> wording(long id) {
        return jdbc.sql(EvidenceSql.WORDING_BY_ID).param("id", id).query(Ledger::consentWording).optional();
    }

    private ConsentEvidence.Wording resolveWording(ConsentEvidence.Wording wording) {
        if (wording.id() != null) {
            ConsentWording registered = wording(wording.id()).orElseThrow(() -> new InvalidRequestException("wordingId",
                    "there is no consent wording " + wording.id() + "; register it with POST /api/v1/consent-wordings"));
            mustMatch("wording", wording.text(), registered.wording(), registered.id());
            mustMatch("wordingVersion", wording.version(), registered.version(), registered.id());
            mustMatch("wordingLanguage", wording.language(), registered.language(), registered.id());
            return new ConsentEvidence.Wording(registered.id(), registered.wording(), registered.version(), registered.language());
        }
        if (wording.text() == null) {
            return wording;
        }
        ConsentWording registered = findOrRegister(wording).wording();
        return new ConsentEvidence.Wording(registered.id(), registered.wording(), registered.version(), registered.language());
    }

    private static void mustMatch(String field, String given, String registered, long wordingId) {
        if (given != null && !given.equals(registered)) {
            throw new InvalidRequestException(field, "differs from consent wording " + wordingId + "; give the wordingId alone");
        }
    }

    /** Under the head lock, so two requests registering one new text get one row. */
    private WordingRegistration findOrRegister(ConsentEvidence.Wording wording) {
        String sha256 = ChainHash.sha256(wording.text());
        Optional<ConsentWording> same = jdbc.sql(EvidenceSql.WORDINGS_BY_TEXT).param("sha256", sha256).query(Ledger::consentWording)
                .list().stream()
                .filter(found -> found.wording().equals(wording.text()) && Objects.equals(found.version(), wording.version())
                        && Objects.equals(found.language(), wording.language()))
                .findFirst();
        if (same.isPresent()) {
            return new WordingRegistration(same.get(), false);
        }
        if (wording.version() != null) {
            jdbc.sql(EvidenceSql.WORDINGS_BY_VERSION).param("version", wording.version()).query(Ledger::consentWording).list().stream()
                    .filter(found -> Objects.equals(found.language(), wording.language()))
                    .findFirst()
                    .ifPresent(other -> {
                        throw new InvalidRequestException("wordingVersion", "version '" + wording.version() + "'"
                                + (wording.language() == null ? "" : " in " + wording.language())
                                + " is consent wording " + other.id() + ", with another text; give the new text a new version");
                    });
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var key = new GeneratedKeyHolder();
        jdbc.sql(EvidenceSql.INSERT_WORDING)
                .param("wording", wording.text())
                .param("sha256", sha256)
                .param("version", wording.version())
                .param("language", wording.language())
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update(key, "id");
        return new WordingRegistration(
                new ConsentWording(key.getKeyAs(Number.class).longValue(), wording.text(), wording.version(), wording.language(), now), true);
    }

    private static ConsentWording consentWording(ResultSet row, int n) throws SQLException {
        return new ConsentWording(row.getLong("id"), row.getString("wording"), row.getString("version_label"), row.getString("language"),
                instant(row, "created_at"));
    }

    // --- the chain head

    private record Head(long lastRecordId, String lastHash) {
    }

    private Head lockHead() {
        return jdbc.sql(EvidenceSql.LOCK_HEAD).query(Ledger::head).single();
    }

    private static Head head(ResultSet row, int n) throws SQLException {
        return new Head(row.getLong("last_record_id"), row.getString("last_hash"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
