package nl.mailwijs.imports;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.springframework.stereotype.Service;

import nl.mailwijs.audit.AuditFile;
import nl.mailwijs.audit.AuditInputException;
import nl.mailwijs.audit.BadValueException;
import nl.mailwijs.audit.CsvReader;
import nl.mailwijs.audit.Export;
import nl.mailwijs.audit.FileProblem;
import nl.mailwijs.audit.Header;
import nl.mailwijs.audit.Values;
import nl.mailwijs.contacts.BatchCreated;
import nl.mailwijs.contacts.CheckedContact;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.NewContact;
import nl.mailwijs.contacts.NewContact.NewAddress;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.decisionjson.ProblemCode;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.evidence.ConsentEvidence;
import nl.mailwijs.evidence.EvidenceContent;
import nl.mailwijs.evidence.InteractionEvidence;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.ObjectionEvidence;
import nl.mailwijs.evidence.PurchaseEvidence;
import nl.mailwijs.evidence.WithdrawalEvidence;

/**
 * Imports the audit's CSV exports into contacts and the evidence ledger.
 *
 * <p>Every file is opened and its header checked before any row is imported, so a missing
 * column changes nothing. Then the contacts file, then the evidence files, are read as a stream
 * and stored in batches of {@link #BATCH} rows, one transaction each: a rejected row is left
 * out and reported (file, line, column, reason), the valid rows of its batch commit.
 *
 * <p>Idempotency: a contact is its {@code contact_id} (the external id); a record is its
 * contact, kind and source id ({@code order_id}, {@code consent_id}, {@code objection_id}). Rows
 * without one (all interactions) get an id made from the file kind and a hash of the row's
 * values, so the same row imported again is found again. A withdrawal ({@code withdrawn_at}) is
 * a record of its own, so an older export without it takes nothing back; nothing is ever removed.
 */
@Service
public class Importer {

    /** Rows per transaction. */
    public static final int BATCH = 5_000;

    /**
     * Contacts remembered by external id during one import (about 100 bytes each); beyond this
     * many, the evidence files look the rest up in the database.
     */
    static final int KNOWN_CONTACTS = 2_000_000;

    private final Contacts contacts;
    private final Ledger ledger;
    private final Clock clock;

    public Importer(Contacts contacts, Ledger ledger, Clock clock) {
        this.contacts = contacts;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Imports the files, contacts first.
     *
     * @param rejected gets every rejected row, in the order found
     * @throws AuditInputException when a file cannot be imported at all (nothing is imported then)
     */
    public ImportReport importFiles(List<ImportSource> sources, Consumer<ImportRejection> rejected) throws IOException {
        return importFiles(sources, rejected, rows -> {
        });
    }

    /**
     * Imports the files, contacts first, telling how far it got.
     *
     * @param rejected gets every rejected row, in the order found
     * @param rowsRead gets the number of rows read (valid and rejected) each time a batch has been stored and its
     *                 rejections passed on, so a progress bar over all files' data rows reaches its end with the import
     * @throws AuditInputException when a file cannot be imported at all (nothing is imported then)
     */
    public ImportReport importFiles(List<ImportSource> sources, Consumer<ImportRejection> rejected, java.util.function.LongConsumer rowsRead)
            throws IOException {
        List<ImportSource> ordered = sources.stream().sorted(Comparator.comparing(ImportSource::kind)).toList();
        Set<AuditFile> kinds = EnumSet.noneOf(AuditFile.class);
        for (ImportSource source : ordered) {
            if (!kinds.add(source.kind())) {
                throw new AuditInputException(FileProblem.KIND_TWICE, "two " + source.kind().fileName()
                        + " files given; import them one after the other", source.kind().fileName());
            }
        }
        List<Export> exports = new ArrayList<>();
        try {
            for (ImportSource source : ordered) {
                exports.add(Export.open(source.kind(), source.name(), source.size(), source.in(), source.kind().requiredColumns()));
            }
            List<ImportReport.FileReport> reports = new ArrayList<>();
            // The contacts this import stored or found, so the evidence files need not look them up again.
            Map<String, Long> knownContacts = new HashMap<>();
            for (Export export : exports) {
                Tally tally = new Tally(export, rejected, rowsRead);
                if (export.kind() == AuditFile.CONTACTS) {
                    importContacts(export, tally, knownContacts);
                } else {
                    importEvidence(export, tally, knownContacts);
                }
                reports.add(new ImportReport.FileReport(export.kind().name().toLowerCase(java.util.Locale.ROOT), export.name(),
                        tally.read, tally.added, tally.alreadyPresent, tally.rejected));
            }
            return new ImportReport(List.copyOf(reports), List.of());
        } finally {
            for (ImportSource source : ordered) {
                source.in().close();
            }
        }
    }

    /** Counts of one file, and where its rejections go. */
    private static final class Tally {
        final Export export;
        final Consumer<ImportRejection> sink;
        final java.util.function.LongConsumer progress;
        long read;
        long added;
        long alreadyPresent;
        long rejected;
        int batches;

        Tally(Export export, Consumer<ImportRejection> sink, java.util.function.LongConsumer progress) {
            this.export = export;
            this.sink = sink;
            this.progress = progress;
        }

        /**
         * Counts a stored batch; true after the 1st, 4th, 16th, 64th and 256th, when the tables
         * written have grown enough since the last time that the database should re-plan.
         */
        boolean storedBatchGrewTables() {
            batches++;
            return batches <= 256 && Integer.bitCount(batches) == 1 && (Integer.numberOfTrailingZeros(batches) % 2) == 0;
        }

        private final List<ImportRejection> pending = new ArrayList<>();

        void reject(int line, String column, String reason, ProblemCode code, List<Object> arguments) {
            rejected++;
            pending.add(new ImportRejection(export.name(), line, column, reason, code, arguments));
        }

        /** Passes a batch's rejections on, in line order: those found reading and those found storing interleave. */
        void flush(List<ImportRejection> readRejections) {
            rejected += readRejections.size();
            pending.addAll(readRejections);
            pending.sort(Comparator.comparingInt(ImportRejection::line));
            pending.forEach(sink);
            pending.clear();
        }
    }

    /**
     * Rows of a file read and checked on a thread of their own, stored on the calling one: the
     * CPU work of reading the next batch overlaps with the database storing the last.
     */
    private record ReadBatch<T>(List<T> items, List<ImportRejection> rejections, long read) {
    }

    /** Turns one row into what the batch stores; throws BadValueException or InvalidRequestException to reject it. */
    private interface RowCheck<T> {
        T check(CsvReader.Row row);
    }

    private static final Object END = new Object();

    private record ReadFailure(Throwable failure) {
    }

    private <T> void pipelined(Export export, Tally tally, String idColumn, RowCheck<T> check, Consumer<List<T>> store)
            throws IOException {
        BlockingQueue<Object> batches = new ArrayBlockingQueue<>(2);
        AtomicBoolean stopped = new AtomicBoolean();
        Thread reader = Thread.ofPlatform().name("mailwijs-import-reader").daemon().start(() -> {
            Object last;
            try {
                List<T> items = new ArrayList<>(BATCH);
                List<ImportRejection> rejections = new ArrayList<>();
                long read = 0;
                for (CsvReader.Row row = export.next(); row != null && !stopped.get(); row = export.next()) {
                    read++;
                    BadValueException unreadable = export.unreadable(row);
                    if (unreadable != null) {
                        rejections.add(new ImportRejection(export.name(), row.line(), "", unreadable.problem(), unreadable.code(),
                                unreadable.arguments()));
                        continue;
                    }
                    try {
                        items.add(check.check(row));
                    } catch (BadValueException e) {
                        rejections.add(new ImportRejection(export.name(), row.line(), e.column(), e.problem(), e.code(), e.arguments()));
                    } catch (InvalidRequestException e) {
                        rejections.add(new ImportRejection(export.name(), row.line(), column(e.field(), idColumn), e.problem(), e.code(),
                                e.arguments()));
                    }
                    if (items.size() == BATCH) {
                        hand(batches, stopped, new ReadBatch<>(items, rejections, read));
                        items = new ArrayList<>(BATCH);
                        rejections = new ArrayList<>();
                        read = 0;
                    }
                }
                hand(batches, stopped, new ReadBatch<>(items, rejections, read));
                last = END;
            } catch (Throwable failure) {
                last = new ReadFailure(failure);
            }
            hand(batches, stopped, last);
        });
        try {
            while (true) {
                Object next = batches.take();
                if (next == END) {
                    return;
                }
                if (next instanceof ReadFailure(Throwable failure)) {
                    switch (failure) {
                        case IOException e -> throw e;
                        case RuntimeException e -> throw e;
                        case Error e -> throw e;
                        default -> throw new IllegalStateException(failure);
                    }
                }
                @SuppressWarnings("unchecked")
                ReadBatch<T> batch = (ReadBatch<T>) next;
                tally.read += batch.read();
                if (!batch.items().isEmpty()) {
                    store.accept(batch.items());
                }
                tally.flush(batch.rejections());
                tally.progress.accept(batch.read());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("import interrupted");
        } finally {
            stopped.set(true);
            batches.clear();
            reader.interrupt();
        }
    }

    /** Waits for room in the queue, unless the storing side gave up (then the batch is dropped). */
    private static void hand(BlockingQueue<Object> batches, AtomicBoolean stopped, Object batch) {
        try {
            while (!stopped.get() && !batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                // the storing side is busy; try again
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- contacts

    private record PendingContact(int line, String externalId, CheckedContact contact, List<String> addressColumns) {
    }

    private void importContacts(Export export, Tally tally, Map<String, Long> knownContacts) throws IOException {
        Header header = export.header();
        int contactIdAt = header.position(AuditFile.CONTACT_ID);
        int emailAt = header.position(AuditFile.EMAIL);
        int phoneAt = header.position(AuditFile.PHONE);
        int kindAt = header.position("kind");
        int countryAt = header.position("country");
        int nameAt = header.position("name");
        int publishedAt = header.position("published_for_offers");
        LongSet seen = new LongSet();
        pipelined(export, tally, null, row -> {
            String[] fields = row.fields();
            String contactId = contactId(fields, contactIdAt);
            RecipientKind kind = Values.kind("kind", Export.field(fields, kindAt));
            String country = Export.field(fields, countryAt).strip();
            boolean published = Values.bool("published_for_offers", Export.field(fields, publishedAt));
            List<NewAddress> addresses = new ArrayList<>(3);
            List<String> addressColumns = new ArrayList<>(3);
            String email = Export.field(fields, emailAt).strip();
            if (!email.isEmpty()) {
                addresses.add(new NewAddress(Channel.EMAIL, email));
                addressColumns.add(AuditFile.EMAIL);
            }
            String phone = Export.field(fields, phoneAt).strip();
            if (!phone.isEmpty()) {
                // The audit reads the phone column for both SMS and WhatsApp.
                addresses.add(new NewAddress(Channel.SMS, phone));
                addresses.add(new NewAddress(Channel.WHATSAPP, phone));
                addressColumns.add(AuditFile.PHONE);
                addressColumns.add(AuditFile.PHONE);
            }
            if (!seen.add(hash64(contactId))) {
                throw new BadValueException(AuditFile.CONTACT_ID, ImportProblem.CONTACT_TWICE, "'" + contactId
                        + "' appears more than once in this file; the first row is imported", contactId);
            }
            NewContact contact = new NewContact(kind, country.isEmpty() ? "NL" : country, Export.field(fields, nameAt), contactId,
                    List.of(), published ? "{\"publishedForOffers\":true}" : null, addresses);
            return new PendingContact(row.line(), contact.externalId(), contacts.checkForBatch(contact), addressColumns);
        }, batch -> storeContacts(batch, tally, knownContacts));
    }

    private void storeContacts(List<PendingContact> batch, Tally tally, Map<String, Long> knownContacts) {
        // Until a batch meets contacts stored before, the file is taken to be new to this database.
        boolean expectNew = tally.alreadyPresent == 0;
        List<BatchCreated> results = contacts.createAllChecked(batch.stream().map(PendingContact::contact).toList(), expectNew);
        for (int i = 0; i < results.size(); i++) {
            BatchCreated result = results.get(i);
            PendingContact pending = batch.get(i);
            if (result.refused() != null) {
                InvalidRequestException refused = result.refused();
                tally.reject(pending.line(), contactColumn(refused.field(), pending.addressColumns()), refused.problem(), refused.code(),
                        refused.arguments());
                continue;
            }
            if (knownContacts.size() < KNOWN_CONTACTS) {
                knownContacts.put(pending.externalId(), result.id());
            }
            if (result.created()) {
                tally.added++;
            } else {
                tally.alreadyPresent++;
            }
        }
        if (tally.storedBatchGrewTables()) {
            contacts.refreshStatistics();
        }
    }

    /** The CSV column of a field {@link Contacts} names. */
    private static String contactColumn(String field, List<String> addressColumns) {
        if (field.startsWith("addresses[")) {
            int index = Integer.parseInt(field.substring("addresses[".length(), field.indexOf(']')));
            return index < addressColumns.size() ? addressColumns.get(index) : field;
        }
        return switch (field) {
            case "externalId" -> AuditFile.CONTACT_ID;
            default -> field;
        };
    }

    // --- evidence

    /**
     * A row read into ledger content: the record, and for a consent with {@code withdrawn_at} its
     * withdrawal after it.
     *
     * @param undatedObjection an objection without {@code at}: dated at the import, so the same row
     *                         imported again differs only in that date and counts as present
     */
    private record PendingRecord(int line, String contactId, List<EvidenceContent> contents, boolean undatedObjection) {
    }

    private interface RowReader {
        PendingRecord read(String[] fields, int line, String contactId);
    }

    private void importEvidence(Export export, Tally tally, Map<String, Long> knownContacts) throws IOException {
        RowReader reader = switch (export.kind()) {
            case PURCHASES -> purchases(export);
            case CONSENTS -> consents(export);
            case OBJECTIONS -> objections(export);
            case INTERACTIONS -> interactions(export);
            case CONTACTS -> throw new IllegalArgumentException("contacts are not evidence");
        };
        int contactIdAt = export.header().position(AuditFile.CONTACT_ID);
        String idColumn = idColumn(export.kind());
        LongSet seen = new LongSet();
        // seen keeps contact and source id unique within the file, which is what a Run asks; the
        // contact ids come from Contacts (knownContacts or its look-up).
        Ledger.Run run = Ledger.Run.withContactIdsFromContacts();
        pipelined(export, tally, idColumn, row -> {
            String contactId = contactId(row.fields(), contactIdAt);
            PendingRecord pending = reader.read(row.fields(), row.line(), contactId);
            EvidenceContent first = pending.contents().getFirst();
            if (!seen.add(hash64(contactId + '\u0000' + first.id()))) {
                String problem = (idColumn == null ? "the same row" : "'" + first.id() + "'")
                        + " appears more than once in this file for contact '" + contactId + "'; the first row is imported";
                throw idColumn == null ? new BadValueException("", ImportProblem.ROW_TWICE, problem, contactId)
                        : new BadValueException(idColumn, ImportProblem.RECORD_TWICE, problem, first.id(), contactId);
            }
            return pending;
        }, batch -> storeRecords(batch, tally, idColumn, run, knownContacts));
    }

    private void storeRecords(List<PendingRecord> batch, Tally tally, String idColumn, Ledger.Run run, Map<String, Long> knownContacts) {
        Map<String, Long> ids = new HashMap<>();
        Set<String> unknown = new HashSet<>();
        for (PendingRecord pending : batch) {
            Long id = knownContacts.get(pending.contactId());
            if (id != null) {
                ids.put(pending.contactId(), id);
            } else {
                unknown.add(pending.contactId());
            }
        }
        if (!unknown.isEmpty()) {
            ids.putAll(contacts.idsByExternalIds(unknown));
        }
        List<Ledger.Entry> entries = new ArrayList<>(batch.size() + 16);
        List<PendingRecord> stored = new ArrayList<>(batch.size());
        for (PendingRecord pending : batch) {
            Long id = ids.get(pending.contactId());
            if (id == null) {
                tally.reject(pending.line(), AuditFile.CONTACT_ID, "'" + pending.contactId() + "' is not a known contact: it is not in the"
                        + " contacts file and was not imported before; this row is left out", ImportProblem.UNKNOWN_CONTACT,
                        ProblemCode.arguments(pending.contactId()));
                continue;
            }
            stored.add(pending);
            for (EvidenceContent content : pending.contents()) {
                entries.add(new Ledger.Entry(id, content));
            }
        }
        List<Ledger.Outcome> outcomes = ledger.appendAll(entries, run);
        int next = 0;
        for (PendingRecord pending : stored) {
            boolean created = false;
            RuntimeException refused = null;
            for (int i = 0; i < pending.contents().size(); i++) {
                Ledger.Outcome outcome = outcomes.get(next++);
                if (outcome.refused() != null) {
                    boolean sameUndatedObjection = pending.undatedObjection() && outcome.refused() instanceof InvalidRequestException invalid
                            && invalid.field().equals("id");
                    if (!sameUndatedObjection && refused == null) {
                        refused = outcome.refused();
                    }
                } else {
                    created |= outcome.appended().created();
                }
            }
            if (refused instanceof InvalidRequestException invalid) {
                tally.reject(pending.line(), column(invalid.field(), idColumn), invalid.problem(), invalid.code(), invalid.arguments());
            } else if (refused != null) {
                // An UnknownContactException: the contact was there when the batch began, and is gone (erased) since.
                tally.reject(pending.line(), AuditFile.CONTACT_ID, refused.getMessage(), ImportProblem.UNKNOWN_CONTACT,
                        ProblemCode.arguments(pending.contactId()));
            } else if (created) {
                tally.added++;
            } else {
                tally.alreadyPresent++;
            }
        }
        if (tally.storedBatchGrewTables()) {
            ledger.refreshStatistics();
        }
    }

    private static String idColumn(AuditFile kind) {
        return switch (kind) {
            case PURCHASES -> "order_id";
            case CONSENTS -> "consent_id";
            case OBJECTIONS -> "objection_id";
            default -> null;
        };
    }

    /** The CSV column of a field the ledger names ({@code givenAt} is {@code given_at}). */
    private static String column(String field, String idColumn) {
        if (field.equals("id") || field.equals("consentId")) {
            return idColumn == null ? "" : idColumn;
        }
        StringBuilder column = new StringBuilder(field.length() + 4);
        for (char c : field.toCharArray()) {
            if (Character.isUpperCase(c)) {
                column.append('_').append(Character.toLowerCase(c));
            } else {
                column.append(c);
            }
        }
        return switch (column.toString()) {
            case "wording_version", "wording_language", "wording_id" -> "wording";
            default -> column.toString();
        };
    }

    private RowReader purchases(Export export) {
        Header header = export.header();
        int orderId = header.position("order_id");
        int date = header.position("date");
        int categories = header.position("categories");
        int proof = header.position("proof");
        int collected = header.position("address_collected_in_sale");
        int offered = header.position("objection_offered");
        return (fields, line, contactId) -> {
            Instant dateOf = instant("date", Export.field(fields, date));
            Proof proofOf = Values.optionalEnum("proof", Export.field(fields, proof), Proof.class);
            boolean collectedInSale = Values.bool("address_collected_in_sale", Export.field(fields, collected));
            boolean objectionOffered = Values.bool("objection_offered", Export.field(fields, offered));
            String id = sourceId(fields, header, AuditFile.PURCHASES, contactId, "order_id", null);
            return new PendingRecord(line, contactId, List.of(new PurchaseEvidence(id, dateOf,
                    Values.list(Export.field(fields, categories)), proofOf, null, collectedInSale, objectionOffered)), false);
        };
    }

    private RowReader consents(Export export) {
        Header header = export.header();
        int consentId = header.position("consent_id");
        int givenAt = header.position("given_at");
        int channels = header.position("channels");
        int topics = header.position("topics");
        int method = header.position("method");
        int obtainedBy = header.position("obtained_by");
        int wording = header.position("wording");
        int confirmedAt = header.position("confirmed_at");
        int withdrawnAt = header.position("withdrawn_at");
        return (fields, line, contactId) -> {
            Instant given = instant("given_at", Export.field(fields, givenAt));
            Set<Channel> channelSet = Values.consentChannels(Export.field(fields, channels));
            ConsentMethod methodOf = Values.optionalEnum("method", Export.field(fields, method), ConsentMethod.class);
            ObtainedBy obtainer = Values.optionalEnum("obtained_by", Export.field(fields, obtainedBy), ObtainedBy.class);
            Instant confirmed = instant("confirmed_at", Export.field(fields, confirmedAt));
            Instant withdrawn = instant("withdrawn_at", Export.field(fields, withdrawnAt));
            String text = Export.field(fields, wording).strip();
            // withdrawn_at is left out of a derived id: the consent stays the same consent once withdrawn.
            String id = sourceId(fields, header, AuditFile.CONSENTS, contactId, "consent_id", "withdrawn_at");
            ConsentEvidence consent = new ConsentEvidence(id, given, channelSet, Values.list(Export.field(fields, topics)), methodOf,
                    obtainer, text.isEmpty() ? null : ConsentEvidence.Wording.text(text), confirmed, null, null);
            if (withdrawn == null) {
                return new PendingRecord(line, contactId, List.of(consent), false);
            }
            WithdrawalEvidence withdrawal = new WithdrawalEvidence(AuditFile.CONSENTS.fileName() + ":withdrawal:" + hex(id),
                    null, id, withdrawn, null);
            return new PendingRecord(line, contactId, List.of(consent, withdrawal), false);
        };
    }

    private RowReader objections(Export export) {
        Header header = export.header();
        int objectionId = header.position("objection_id");
        int at = header.position("at");
        int channels = header.position("channels");
        int topics = header.position("topics");
        int via = header.position("via");
        return (fields, line, contactId) -> {
            Instant atOf = instant("at", Export.field(fields, at));
            boolean undated = atOf == null;
            if (undated) {
                // An objection counts from when it is known at the latest; losing it for want of a date would be worse.
                atOf = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            }
            Values.ObjectionChannels named = Values.objectionChannels(Export.field(fields, channels));
            ObjectionRoute route = Values.optionalEnum("via", Export.field(fields, via), ObjectionRoute.class);
            String id = sourceId(fields, header, AuditFile.OBJECTIONS, contactId, "objection_id", null);
            return new PendingRecord(line, contactId, List.of(new ObjectionEvidence(id, atOf, named.all(), named.channels(),
                    Values.list(Export.field(fields, topics)), route, null)), undated);
        };
    }

    private RowReader interactions(Export export) {
        Header header = export.header();
        int type = header.position("type");
        int date = header.position("date");
        return (fields, line, contactId) -> {
            InteractionType typeOf = Values.requiredEnum("type", Export.field(fields, type), InteractionType.class);
            Instant dateOf = instant("date", Export.field(fields, date));
            String id = sourceId(fields, header, AuditFile.INTERACTIONS, contactId, null, null);
            return new PendingRecord(line, contactId, List.of(new InteractionEvidence(id, typeOf, dateOf)), false);
        };
    }

    // --- values

    private static String contactId(String[] fields, int position) {
        String contactId = fields[position].strip();
        if (contactId.isEmpty()) {
            throw new BadValueException(AuditFile.CONTACT_ID, ImportProblem.CONTACT_ID_EMPTY, "is empty; every row needs the id of its contact");
        }
        return contactId;
    }

    private static Instant instant(String column, String raw) {
        long millis = Values.epochMillis(column, raw);
        return millis == Values.NO_TIME ? null : Instant.ofEpochMilli(millis);
    }

    /**
     * The row's own id, or one made from the file kind and the row's values (all but the id
     * column and the one left out), so the same row gets the same id in every import.
     */
    private static String sourceId(String[] fields, Header header, AuditFile kind, String contactId, String idColumn, String leftOut) {
        String own = idColumn == null ? "" : Export.field(fields, header.position(idColumn)).strip();
        if (!own.isEmpty()) {
            return own;
        }
        // Only the known columns, in their fixed order: a column added to the export or moved does not change the id.
        StringBuilder values = new StringBuilder(128).append(contactId);
        for (String column : kind.columns()) {
            if (!column.equals(AuditFile.CONTACT_ID) && !column.equals(idColumn) && !column.equals(leftOut)) {
                values.append('\u001f').append(Export.field(fields, header.position(column)).strip());
            }
        }
        return kind.fileName() + ":" + hex(values.toString());
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(sha256(text), 0, 12);
    }

    private static long hash64(String text) {
        byte[] digest = sha256(text);
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (digest[i] & 0xFF);
        }
        return h;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
