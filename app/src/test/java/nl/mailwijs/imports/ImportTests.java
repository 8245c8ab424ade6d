package nl.mailwijs.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import nl.mailwijs.audit.AuditFile;
import nl.mailwijs.audit.AuditInputException;
import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.engine.DecisionEngine;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.DecisionRequest;
import nl.mailwijs.engine.request.Evidence;
import nl.mailwijs.engine.request.Message;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.Recipient;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.engine.request.Sender;
import nl.mailwijs.evidence.ConsentEvidence;
import nl.mailwijs.evidence.EvidenceKind;
import nl.mailwijs.evidence.EvidenceRecord;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.PurchaseEvidence;
import nl.mailwijs.testing.TestDatabase;

/** The CSV import on H2 and PostgreSQL: messy exports in, rejections named, nothing twice, nothing taken back. */
class ImportTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    private static final String CONTACTS = "\uFEFFKlantnummer;E-mail;Telefoon;Naam;Land;Klantnummer intern\r\n".replace("Klantnummer;", "contact_id;")
            + "K-001;jan@example.nl;+31612345678;Jan Jansen;NL;1\r\n"
            + "K-002;anouk+nieuwsbrief@example.nl;;Anouk Bakker;;2\r\n"
            + "K-003;zoë@bücher.example;;Zoë Ruïz-Çelik;nl;3\r\n"
            + "K-004;piet@@example.nl;;Piet;NL;4\r\n"
            + "K-001;jan.dubbel@example.nl;;Jan nogmaals;NL;5\r\n";

    private static final String PURCHASES = "\uFEFFcontact_id;order_id;date;categories;proof\r\n"
            + "K-001;o-1;23-11-2024;photo-prints;INVOICE\r\n"
            + "K-002;o-2;2025-01-05;photo-albums|photo-prints;ORDER\r\n"
            + "K-003;o-3;31-02-2026;photo-prints;ORDER\r\n"
            + "K-009;o-4;2025-02-01;photo-prints;ORDER\r\n"
            + "K-002;o-2;2025-01-05;photo-albums|photo-prints;ORDER\r\n";

    private static final String CONSENTS = "contact_id,consent_id,given_at,channels,topics,method,obtained_by,wording,confirmed_at,withdrawn_at\n"
            + "K-001,c-1,2024-03-01T10:00:00Z,EMAIL,photo-prints,DOUBLE_OPT_IN,SENDER,\"Ja, stuur mij de nieuwsbrief.\",2024-03-01T10:05:00Z,\n"
            + "K-002,c-2,2024-03-01T10:00:00Z,EMAIL,,UNTICKED_CHECKBOX,SENDER,\"Ja, stuur mij de nieuwsbrief.\",,2025-06-01\n";

    private static final String OBJECTIONS = "contact_id,objection_id,at,channels,topics,via\n"
            + "K-001,b-1,2025-12-28T04:54:00Z,ALL,,UNSUBSCRIBE_LINK\n"
            + "K-003,,,EMAIL,,\n";

    private static final String INTERACTIONS = "contact_id\ttype\tdate\n"
            + "K-003\tQUOTE\t2025-04-01\n"
            + "K-003\tSHOWROOM_VISIT\t2025-05-01\n";

    private record Imported(JdbcClient jdbc, Contacts contacts, Ledger ledger, Importer importer) {

        Result run(Map<AuditFile, String> files) throws Exception {
            List<ImportSource> sources = new ArrayList<>();
            files.forEach((kind, text) -> sources.add(new ImportSource(kind, kind.fileName(), -1,
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))));
            List<ImportRejection> rejections = new ArrayList<>();
            ImportReport report = importer.importFiles(sources, rejections::add);
            return new Result(report, rejections);
        }

        long contactId(String externalId) {
            return contacts.findByExternalId(externalId).orElseThrow().id();
        }

        long records() {
            return jdbc.sql("SELECT COUNT(*) FROM evidence_record").query(Long.class).single();
        }
    }

    private record Result(ImportReport report, List<ImportRejection> rejections) {

        ImportReport.FileReport file(String kind) {
            return report.files().stream().filter(file -> file.kind().equals(kind)).findFirst().orElseThrow();
        }
    }

    private static Imported imported(TestDatabase database) {
        var dataSource = database.fresh();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        var transactions = new DataSourceTransactionManager(dataSource);
        var bulk = new nl.mailwijs.platform.BulkWrites(dataSource);
        Contacts contacts = new Contacts(jdbc, transactions, CLOCK, bulk);
        Ledger ledger = new Ledger(jdbc, transactions, CLOCK, contacts, bulk);
        return new Imported(jdbc, contacts, ledger, new Importer(contacts, ledger, CLOCK));
    }

    private static Map<AuditFile, String> all() {
        Map<AuditFile, String> files = new LinkedHashMap<>();
        // Given out of order on purpose: contacts are imported first anyway.
        files.put(AuditFile.PURCHASES, PURCHASES);
        files.put(AuditFile.CONTACTS, CONTACTS);
        files.put(AuditFile.CONSENTS, CONSENTS);
        files.put(AuditFile.OBJECTIONS, OBJECTIONS);
        files.put(AuditFile.INTERACTIONS, INTERACTIONS);
        return files;
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aMessyExportIsImportedAndItsBadRowsAreNamed(TestDatabase database) throws Exception {
        Imported i = imported(database);

        Result result = i.run(all());

        assertThat(result.file("contacts")).isEqualTo(new ImportReport.FileReport("contacts", "contacts.csv", 5, 3, 0, 2));
        assertThat(result.file("purchases")).isEqualTo(new ImportReport.FileReport("purchases", "purchases.csv", 5, 2, 0, 3));
        assertThat(result.file("consents").added()).isEqualTo(2);
        assertThat(result.file("objections").added()).isEqualTo(2);
        assertThat(result.file("interactions").added()).isEqualTo(2);
        // In line order per file, whether refused on reading (a bad date) or when stored (an unknown contact).
        assertThat(result.rejections()).extracting(ImportRejection::describe).containsExactly(
                "contacts.csv:5: email: 'piet@@example.nl' is not an e-mail address: more than one @",
                "contacts.csv:6: contact_id: 'K-001' appears more than once in this file; the first row is imported",
                "purchases.csv:4: date: '31-02-2026' is not a valid date or time (use 2026-11-23, 23-11-2026 or 2026-11-23T10:00:00Z)",
                "purchases.csv:5: contact_id: 'K-009' is not a known contact: it is not in the contacts file and was not imported before;"
                        + " this row is left out",
                "purchases.csv:6: order_id: 'o-2' appears more than once in this file for contact 'K-002'; the first row is imported");

        Contact zoe = i.contacts().findByExternalId("K-003").orElseThrow();
        assertThat(zoe.name()).isEqualTo("Zoë Ruïz-Çelik");
        assertThat(zoe.addressesOn(Channel.EMAIL)).singleElement().satisfies(a -> assertThat(a.asciiDomain()).isEqualTo("xn--bcher-kva.example"));
        Contact anouk = i.contacts().findByExternalId("K-002").orElseThrow();
        assertThat(anouk.addressesOn(Channel.EMAIL).getFirst().address()).isEqualTo("anouk+nieuwsbrief@example.nl");
        Contact jan = i.contacts().findByExternalId("K-001").orElseThrow();
        assertThat(jan.addressesOn(Channel.SMS)).extracting(a -> a.address()).containsExactly("+31612345678");
        assertThat(i.ledger().recordsOf(jan.id())).extracting(EvidenceRecord::kind)
                .containsExactly(EvidenceKind.PURCHASE, EvidenceKind.CONSENT, EvidenceKind.OBJECTION);
        assertThat(i.ledger().recordsOf(anouk.id())).extracting(EvidenceRecord::kind)
                .containsExactly(EvidenceKind.PURCHASE, EvidenceKind.CONSENT, EvidenceKind.WITHDRAWAL);
        PurchaseEvidence o1 = (PurchaseEvidence) i.ledger().recordsOf(jan.id()).getFirst().content();
        assertThat(o1.date()).isEqualTo(Instant.parse("2024-11-23T00:00:00Z"));
        assertThat(o1.proof()).isEqualTo(Proof.INVOICE);
        ConsentEvidence c1 = (ConsentEvidence) i.ledger().recordsOf(jan.id()).get(1).content();
        assertThat(c1.method()).isEqualTo(ConsentMethod.DOUBLE_OPT_IN);
        assertThat(c1.obtainedBy()).isEqualTo(ObtainedBy.SENDER);
        assertThat(c1.wording().text()).isEqualTo("Ja, stuur mij de nieuwsbrief.");
        assertThat(i.ledger().evidenceOf(anouk.id()).consents().getFirst().withdrawnAt()).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
        assertThat(i.ledger().verify().intact()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void importingTheSameFilesAgainAddsNothing(TestDatabase database) throws Exception {
        Imported i = imported(database);
        i.run(all());
        long contacts = i.jdbc().sql("SELECT COUNT(*) FROM contact").query(Long.class).single();
        long addresses = i.jdbc().sql("SELECT COUNT(*) FROM contact_address").query(Long.class).single();
        long records = i.records();

        Result again = i.run(all());

        assertThat(again.report().files()).allSatisfy(file -> assertThat(file.added()).as(file.kind()).isZero());
        assertThat(again.file("contacts").alreadyPresent()).isEqualTo(3);
        assertThat(again.file("interactions").alreadyPresent()).isEqualTo(2);
        assertThat(again.file("objections").alreadyPresent()).as("also the objection without date or id").isEqualTo(2);
        assertThat(again.file("consents").alreadyPresent()).isEqualTo(2);
        assertThat(i.jdbc().sql("SELECT COUNT(*) FROM contact").query(Long.class).single()).isEqualTo(contacts);
        assertThat(i.jdbc().sql("SELECT COUNT(*) FROM contact_address").query(Long.class).single()).isEqualTo(addresses);
        assertThat(i.records()).isEqualTo(records);
        assertThat(i.ledger().verify().intact()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void anOlderExportWithoutTheObjectionOrWithdrawalTakesNothingBack(TestDatabase database) throws Exception {
        Imported i = imported(database);
        i.run(all());

        // Last year's export: no objections file, and the consent not yet withdrawn.
        Map<AuditFile, String> older = new LinkedHashMap<>();
        older.put(AuditFile.CONTACTS, CONTACTS);
        older.put(AuditFile.CONSENTS, CONSENTS.replace(",2025-06-01\n", ",\n"));
        Result result = i.run(older);

        assertThat(result.file("consents").alreadyPresent()).isEqualTo(2);
        long jan = i.contactId("K-001");
        Evidence evidence = i.ledger().evidenceOf(jan);
        assertThat(evidence.objections()).hasSize(1);
        Decision decision = new DecisionEngine().decide(new DecisionRequest(
                new Sender("Fotostudio Jansen B.V.", null, "NL", "afmelden@fotostudiojansen.nl"),
                new Recipient(RecipientKind.NATURAL_PERSON, "NL", Channel.EMAIL, "jan@example.nl", false),
                evidence,
                new Message(Purpose.COMMERCIAL, List.of("photo-prints"), true, Instant.parse("2026-11-23T10:00:00Z"), 1500),
                null));
        assertThat(decision.denial()).isEqualTo(Denial.OBJECTED);
        long anouk = i.contactId("K-002");
        assertThat(i.ledger().evidenceOf(anouk).consents().getFirst().withdrawnAt()).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
        assertThat(i.ledger().verify().intact()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void evidenceForContactsImportedBeforeNeedsNoContactsFile(TestDatabase database) throws Exception {
        Imported i = imported(database);
        i.run(Map.of(AuditFile.CONTACTS, CONTACTS));

        Result result = i.run(Map.of(AuditFile.PURCHASES, "contact_id;order_id;date\nK-003;o-9;2025-03-03\n"));

        assertThat(result.file("purchases").added()).isEqualTo(1);
        assertThat(result.rejections()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aFileWithoutARequiredColumnImportsNothing(TestDatabase database) throws Exception {
        Imported i = imported(database);

        assertThatThrownBy(() -> i.run(Map.of(AuditFile.CONTACTS, CONTACTS, AuditFile.PURCHASES, "contact_id;order_id\nK-001;o-1\n")))
                .isInstanceOf(AuditInputException.class)
                .hasMessageContaining("purchases.csv: the required column date is missing");
        assertThat(i.jdbc().sql("SELECT COUNT(*) FROM contact").query(Long.class).single()).isZero();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void batchesOfManyRowsKeepTheChainIntact(TestDatabase database) throws Exception {
        Imported i = imported(database);
        StringBuilder contacts = new StringBuilder("contact_id,email\n");
        StringBuilder purchases = new StringBuilder("contact_id,order_id,date\n");
        int n = Importer.BATCH + 1_000;
        for (int k = 0; k < n; k++) {
            contacts.append("K").append(k).append(",k").append(k).append("@example.nl\n");
            purchases.append("K").append(k).append(",o-").append(k).append(",2025-01-01\n");
            purchases.append("K").append(k).append(",p-").append(k).append(",2025-02-01\n");
        }
        Result first = i.run(Map.of(AuditFile.CONTACTS, contacts.toString(), AuditFile.PURCHASES, purchases.toString()));
        // A single append between the batches of two imports: one chain.
        i.ledger().append(i.contactId("K7"), new PurchaseEvidence("manual-1", Instant.parse("2025-03-01T00:00:00Z"), List.of(), null, null,
                false, false));
        Result second = i.run(Map.of(AuditFile.PURCHASES, purchases.toString()));

        assertThat(first.file("contacts").added()).isEqualTo(n);
        assertThat(first.file("purchases").added()).isEqualTo(2L * n);
        assertThat(second.file("purchases").alreadyPresent()).isEqualTo(2L * n);
        assertThat(i.records()).isEqualTo(2L * n + 1);
        assertThat(i.ledger().verify().toString()).isEqualTo("intact, " + (2 * n + 1) + " records");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void theLedgersBatchAppendFindsEarlierRecordsAndRefusesOtherContentUnderTheirId(TestDatabase database) throws Exception {
        Imported i = imported(database);
        i.run(Map.of(AuditFile.CONTACTS, CONTACTS));
        long jan = i.contactId("K-001");
        PurchaseEvidence o1 = new PurchaseEvidence("o-1", Instant.parse("2025-01-01T00:00:00Z"), List.of(), Proof.ORDER, null, false, false);
        PurchaseEvidence other = new PurchaseEvidence("o-1", Instant.parse("2025-01-02T00:00:00Z"), List.of(), Proof.ORDER, null, false, false);

        List<Ledger.Outcome> outcomes = i.ledger().appendAll(List.of(new Ledger.Entry(jan, o1), new Ledger.Entry(jan, o1),
                new Ledger.Entry(jan, other), new Ledger.Entry(999_999, o1)));

        assertThat(outcomes.get(0).appended().created()).isTrue();
        assertThat(outcomes.get(1).appended().created()).isFalse();
        assertThat(outcomes.get(1).appended().record().id()).isEqualTo(outcomes.get(0).appended().record().id());
        assertThat(outcomes.get(2).refused()).hasMessageContaining("already recorded");
        assertThat(outcomes.get(3).refused()).isNotNull();
        assertThat(i.ledger().append(jan, o1).created()).isFalse();
        assertThat(i.ledger().verify().intact()).isTrue();
        assertThat(Set.copyOf(i.ledger().recordsOf(jan))).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aRunOfBatchesStillFindsWhatOthersAppendedBetweenItsBatches(TestDatabase database) throws Exception {
        Imported i = imported(database);
        i.run(Map.of(AuditFile.CONTACTS, CONTACTS));
        long jan = i.contactId("K-001");
        long anouk = i.contactId("K-002");
        i.ledger().append(jan, order("o-0", "2025-01-01"));
        Ledger.Run run = new Ledger.Run();

        i.ledger().appendAll(List.of(new Ledger.Entry(jan, order("o-1", "2025-01-01"))), run);
        i.ledger().append(anouk, order("o-x", "2025-01-01"));
        List<Ledger.Outcome> second = i.ledger().appendAll(List.of(new Ledger.Entry(jan, order("o-0", "2025-01-01")),
                new Ledger.Entry(anouk, order("o-x", "2025-01-01")), new Ledger.Entry(jan, order("o-2", "2025-01-01"))), run);
        List<Ledger.Outcome> third = i.ledger().appendAll(List.of(new Ledger.Entry(jan, order("o-0", "2025-06-01")),
                new Ledger.Entry(anouk, order("o-x", "2025-01-01"))), run);

        assertThat(second).extracting(outcome -> outcome.appended().created()).containsExactly(false, false, true);
        assertThat(third.get(0).refused()).hasMessageContaining("already recorded");
        assertThat(third.get(1).appended().created()).isFalse();
        assertThat(i.records()).isEqualTo(4);
        assertThat(i.ledger().verify().intact()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void theRowsReadAreToldAfterEachStoredBatchUpToEveryRowOfEveryFile(TestDatabase database) throws Exception {
        Imported imported = imported(database);
        StringBuilder contacts = new StringBuilder("contact_id;email\n");
        for (int i = 0; i < Importer.BATCH + 1_500; i++) {
            contacts.append("R-").append(i).append(i == 7 ? ";no-address\n" : ";r" + i + "@example.nl\n");
        }
        List<ImportSource> sources = List.of(
                new ImportSource(AuditFile.CONTACTS, "contacts.csv", -1, new ByteArrayInputStream(contacts.toString().getBytes(StandardCharsets.UTF_8))),
                new ImportSource(AuditFile.PURCHASES, "purchases.csv", -1, new ByteArrayInputStream(PURCHASES.getBytes(StandardCharsets.UTF_8))));
        List<Long> told = new ArrayList<>();

        ImportReport report = imported.importer().importFiles(sources, rejection -> { }, told::add);

        assertThat(told).as("per stored batch, rejected rows included").containsExactly((long) Importer.BATCH, 1_500L, 5L);
        assertThat(told.stream().mapToLong(Long::longValue).sum()).isEqualTo(report.files().stream().mapToLong(ImportReport.FileReport::read).sum());
    }

    private static PurchaseEvidence order(String id, String date) {
        return new PurchaseEvidence(id, Instant.parse(date + "T00:00:00Z"), List.of(), Proof.ORDER, null, false, false);
    }
}
