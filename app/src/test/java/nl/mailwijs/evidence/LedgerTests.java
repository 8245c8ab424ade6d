package nl.mailwijs.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.NewContact;
import nl.mailwijs.contacts.NewContact.NewAddress;
import nl.mailwijs.contacts.UnknownContactException;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.DecisionEngine;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Consent;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.DecisionRequest;
import nl.mailwijs.engine.request.Evidence;
import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.engine.request.Message;
import nl.mailwijs.engine.request.Objection;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.Recipient;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.engine.request.Sender;
import nl.mailwijs.evidence.ConsentEvidence.Capture;
import nl.mailwijs.evidence.ConsentEvidence.Wording;
import nl.mailwijs.evidence.internal.EvidenceSql;
import nl.mailwijs.testing.TestDatabase;

/** The ledger on H2 and PostgreSQL: what goes in comes out, what holds is what the engine sees, and tampering shows. */
class LedgerTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00.123456789Z"), ZoneOffset.UTC);
    private static final String WORDING = "Ja, stuur mij de nieuwsbrief van Fotostudio Jansen over fotoafdrukken.";

    /** A fresh database with one contact, Jan, who has one e-mail address. */
    private record Ledgered(JdbcClient jdbc, Contacts contacts, Ledger ledger, long jan) {
    }

    private static Ledgered ledgered(TestDatabase database) {
        return ledgered(database.fresh());
    }

    private static Ledgered ledgered(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        var transactions = new DataSourceTransactionManager(dataSource);
        var bulk = new nl.mailwijs.platform.BulkWrites(dataSource);
        Contacts contacts = new Contacts(jdbc, transactions, CLOCK, bulk);
        Ledger ledger = new Ledger(jdbc, transactions, CLOCK, contacts, bulk);
        long jan = contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Jan Jansen", "cust-1", List.of(), null,
                List.of(new NewAddress(Channel.EMAIL, "jan@example.nl")))).contact().id();
        return new Ledgered(jdbc, contacts, ledger, jan);
    }

    private static PurchaseEvidence purchase(String id, Proof proof) {
        return new PurchaseEvidence(id, Instant.parse("2021-05-12T00:00:00Z"), List.of("portrait-photography"), proof, "F-2021-0042", true, true);
    }

    private static ConsentEvidence consent(String id, List<String> topics, Instant withdrawnAt) {
        return new ConsentEvidence(id, Instant.parse("2024-03-01T10:00:00Z"), Set.of(Channel.EMAIL), topics, ConsentMethod.DOUBLE_OPT_IN,
                ObtainedBy.SENDER, Wording.text(WORDING), Instant.parse("2024-03-01T10:05:00Z"), withdrawnAt,
                new Capture("Jan@Example.NL", "https://fotostudiojansen.nl/nieuwsbrief", "192.0.2.10", "Mozilla/5.0",
                        Instant.parse("2024-03-01T10:00:05Z"), "2001:db8::1"));
    }

    private static ObjectionEvidence objection(String id) {
        return new ObjectionEvidence(id, Instant.parse("2025-06-01T09:00:00Z"), false, Set.of(Channel.EMAIL), List.of(),
                ObjectionRoute.UNSUBSCRIBE_LINK, "POST /unsubscribe/abc 200");
    }

    private static WithdrawalEvidence withdrawal(Long consentRecordId, String consentId, String at) {
        return new WithdrawalEvidence(null, consentRecordId, consentId, Instant.parse(at), ObjectionRoute.EMAIL);
    }

    // --- append and read back

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void everyKindIsAppendedAndReadBackAsRecorded(TestDatabase database) {
        Ledgered l = ledgered(database);

        EvidenceRecord purchase = l.ledger().append(l.jan(), purchase("o-77", Proof.INVOICE)).record();
        EvidenceRecord interaction = l.ledger().append(l.jan(),
                new InteractionEvidence("q-5", InteractionType.QUOTE, Instant.parse("2025-02-01T00:00:00Z"))).record();
        EvidenceRecord consent = l.ledger().append(l.jan(), consent("c-1", List.of("photo-prints"), null)).record();
        EvidenceRecord objection = l.ledger().append(l.jan(), objection("u-1")).record();
        EvidenceRecord withdrawal = l.ledger().append(l.jan(), withdrawal(null, "c-1", "2025-01-01T00:00:00Z")).record();

        assertThat(List.of(purchase, interaction, consent, objection, withdrawal)).extracting(EvidenceRecord::id)
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(l.ledger().recordsOf(l.jan())).containsExactly(purchase, interaction, consent, objection, withdrawal);
        assertThat(purchase.contentJson()).isEqualTo("{\"addressCollectedInSale\":true,\"categories\":[\"portrait-photography\"],"
                + "\"date\":\"2021-05-12T00:00:00Z\",\"id\":\"o-77\",\"objectionOffered\":true,\"proof\":\"INVOICE\","
                + "\"proofReference\":\"F-2021-0042\"}");
        assertThat(purchase.recordedAt()).isEqualTo(Instant.parse("2026-11-24T12:00:00.123456Z"));
        assertThat(purchase.externalId()).isEqualTo("o-77");

        ConsentEvidence storedConsent = (ConsentEvidence) consent.content();
        assertThat(storedConsent.wording().id()).as("the inline wording was registered").isNotNull();
        assertThat(storedConsent.wording().text()).isEqualTo(WORDING);
        assertThat(l.ledger().wording(storedConsent.wording().id())).hasValueSatisfying(w -> assertThat(w.wording()).isEqualTo(WORDING));
        assertThat(storedConsent.capture().address()).isEqualTo("Jan@example.nl");
        assertThat(storedConsent.capture().confirmedIpAddress()).isEqualTo("2001:db8::1");
        assertThat(((WithdrawalEvidence) withdrawal.content()).consentRecordId()).as("consentId resolved to the record").isEqualTo(3L);
        assertThat(((ObjectionEvidence) objection.content()).rawEvidence()).isEqualTo("POST /unsubscribe/abc 200");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void evidenceOfLeavesSupersededRecordsOutAndAppliesWithdrawals(TestDatabase database) {
        Ledgered l = ledgered(database);
        Ledger ledger = l.ledger();
        long unproven = ledger.append(l.jan(), purchase("o-1", Proof.NONE)).record().id();
        ledger.correct(l.jan(), unproven, purchase("o-1", Proof.INVOICE));
        long firstConsent = ledger.append(l.jan(), consent("c-1", List.of("photo-prints"), null)).record().id();
        long correctedConsent = ledger.correct(l.jan(), firstConsent, consent("c-1", List.of("photo-prints", "photo-albums"), null)).record().id();
        // Names the consent as first recorded: it reaches the correction.
        ledger.append(l.jan(), withdrawal(firstConsent, null, "2025-01-01T00:00:00Z"));
        ledger.append(l.jan(), consent("c-2", List.of(), Instant.parse("2025-06-01T00:00:00Z")));
        ledger.append(l.jan(), withdrawal(null, "c-2", "2025-03-01T00:00:00Z"));
        ledger.append(l.jan(), withdrawal(null, "c-2", "2025-04-01T00:00:00Z"));
        long wrongInteraction = ledger.append(l.jan(), new InteractionEvidence(null, InteractionType.EVENT, Instant.parse("2025-02-01T00:00:00Z")))
                .record().id();
        ledger.correct(l.jan(), wrongInteraction, new InteractionEvidence(null, InteractionType.SHOWROOM_VISIT, Instant.parse("2025-02-01T00:00:00Z")));

        Evidence evidence = ledger.evidenceOf(l.jan());

        assertThat(evidence.purchases()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("o-1");
            assertThat(p.proof()).isEqualTo(Proof.INVOICE);
        });
        assertThat(evidence.consents()).extracting(Consent::id, Consent::topics, Consent::withdrawnAt).containsExactly(
                tuple("c-1", List.of("photo-prints", "photo-albums"), Instant.parse("2025-01-01T00:00:00Z")),
                tuple("c-2", List.of(), Instant.parse("2025-03-01T00:00:00Z")));
        assertThat(evidence.consents().getFirst().wording()).isEqualTo(WORDING);
        assertThat(evidence.consents().getFirst().method()).isEqualTo(ConsentMethod.DOUBLE_OPT_IN);
        assertThat(evidence.interactions()).singleElement().satisfies(i -> {
            assertThat(i.type()).isEqualTo(InteractionType.SHOWROOM_VISIT);
            assertThat(i.id()).as("no source id: the ledger record").isEqualTo("record-" + (wrongInteraction + 1));
        });
        assertThat(evidence.objections()).isEmpty();
        assertThat(ledger.recordsOf(l.jan())).as("superseded records stay in the ledger").hasSize(10);
        assertThat(correctedConsent).isEqualTo(firstConsent + 1);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void anObjectionCoversEveryAddressOfThePersonAlsoOnesAddedLater(TestDatabase database) {
        Ledgered l = ledgered(database);
        l.ledger().append(l.jan(), consent("c-1", List.of(), null));
        l.ledger().append(l.jan(), objection("u-1"));

        // Jan comes back from the shop with a new address, months later.
        l.contacts().create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Jan Jansen", "cust-1", List.of(), null,
                List.of(new NewAddress(Channel.EMAIL, "jan.jansen@newmail.example"))));
        long found = l.contacts().findByAddress(Channel.EMAIL, "JAN.JANSEN@newmail.example").getFirst().id();
        Evidence evidence = l.ledger().evidenceOf(found);

        assertThat(found).isEqualTo(l.jan());
        assertThat(evidence.objections()).extracting(Objection::id).containsExactly("u-1");
        Decision decision = new DecisionEngine().decide(new DecisionRequest(
                new Sender("Fotostudio Jansen B.V.", null, "NL", "afmelden@fotostudiojansen.nl"),
                new Recipient(RecipientKind.NATURAL_PERSON, "NL", Channel.EMAIL, "jan.jansen@newmail.example", false),
                evidence,
                new Message(Purpose.COMMERCIAL, List.of("photo-prints"), true, Instant.parse("2026-11-23T10:00:00Z"), 1500),
                null));
        assertThat(decision.denial()).isEqualTo(Denial.OBJECTED);
    }

    // --- corrections and repeats

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void theSameEvidenceSentAgainIsRecordedOnceAndOtherContentUnderItsIdMustBeACorrection(TestDatabase database) {
        Ledgered l = ledgered(database);
        Appended first = l.ledger().append(l.jan(), purchase("o-1", Proof.ORDER));

        Appended again = l.ledger().append(l.jan(), purchase("o-1", Proof.ORDER));

        assertThat(again.created()).isFalse();
        assertThat(again.record()).isEqualTo(first.record());
        assertRefused(() -> l.ledger().append(l.jan(), purchase("o-1", Proof.INVOICE)), "id", "supersedes");
        long correction = l.ledger().correct(l.jan(), first.record().id(), purchase("o-1", Proof.INVOICE)).record().id();
        assertThat(l.ledger().append(l.jan(), purchase("o-1", Proof.INVOICE)).record().id())
                .as("a repeat finds the current version").isEqualTo(correction);
        assertRefused(() -> l.ledger().correct(l.jan(), first.record().id(), purchase("o-1", Proof.PAYMENT)), "supersedes", "already corrected");
        assertRefused(() -> l.ledger().correct(l.jan(), correction, objection(null)), "supersedes", "same kind");
        assertRefused(() -> l.ledger().correct(l.jan(), 999, purchase("o-1", Proof.PAYMENT)), "supersedes", "not evidence of contact");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void badEvidenceIsRefusedNamingTheField(TestDatabase database) {
        Ledgered l = ledgered(database);
        long purchase = l.ledger().append(l.jan(), purchase("o-1", Proof.ORDER)).record().id();

        assertRefused(() -> l.ledger().append(l.jan(), withdrawal(null, "c-404", "2025-01-01T00:00:00Z")), "consentId", "no consent");
        assertRefused(() -> l.ledger().append(l.jan(), withdrawal(purchase, null, "2025-01-01T00:00:00Z")), "consentRecordId", "not a consent");
        assertRefused(() -> l.ledger().append(l.jan(), new ConsentEvidence(null, Instant.EPOCH, Set.of(Channel.EMAIL), List.of(),
                ConsentMethod.WRITTEN, ObtainedBy.SENDER, Wording.registered(404), null, null, null)), "wordingId", "POST /api/v1/consent-wordings");
        assertRefused(() -> new ConsentEvidence(null, Instant.EPOCH, Set.of(), List.of(), ConsentMethod.WRITTEN, ObtainedBy.SENDER,
                null, null, null, null), "channels", "EMAIL");
        assertRefused(() -> new ConsentEvidence(null, null, Set.of(Channel.SMS), List.of(), ConsentMethod.WRITTEN, ObtainedBy.SENDER,
                null, null, null, null), "givenAt", "missing");
        assertRefused(() -> new Capture("06-1234", null, null, null, null, null), "address", "E.164");
        assertRefused(() -> new Capture(null, null, "not-an-ip", null, null, null), "ipAddress", "IPv4");
        assertRefused(() -> new PurchaseEvidence(null, Instant.EPOCH, List.of(" "), null, null, false, false), "categories[0]", "blank");
        assertRefused(() -> new WithdrawalEvidence(null, null, null, Instant.EPOCH, null), "consentRecordId", "consentId");
        assertThatThrownBy(() -> l.ledger().append(404, objection(null))).isInstanceOf(UnknownContactException.class);
        assertThatThrownBy(() -> l.ledger().evidenceOf(404)).isInstanceOf(UnknownContactException.class);
        assertThat(l.ledger().verify().records()).as("nothing refused was recorded").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void consentWordingsAreVersionedAndConsentsCarryTheirText(TestDatabase database) {
        Ledgered l = ledgered(database);
        WordingRegistration registered = l.ledger().registerWording(WORDING, "form-3", "NL");

        assertThat(registered.created()).isTrue();
        assertThat(registered.wording().language()).isEqualTo("nl");
        assertThat(l.ledger().registerWording(WORDING, "form-3", "nl")).isEqualTo(new WordingRegistration(registered.wording(), false));
        assertRefused(() -> l.ledger().registerWording("Another text", "form-3", "nl"), "wordingVersion", "new version");
        assertThat(l.ledger().registerWording("Yes, send me the newsletter.", "form-3", "en").created()).isTrue();

        ConsentEvidence byId = new ConsentEvidence("c-9", Instant.parse("2024-03-01T10:00:00Z"), Set.of(Channel.EMAIL), List.of(),
                ConsentMethod.UNTICKED_CHECKBOX, ObtainedBy.SENDER, Wording.registered(registered.wording().id()), null, null, null);
        ConsentEvidence stored = (ConsentEvidence) l.ledger().append(l.jan(), byId).record().content();

        assertThat(stored.wording()).isEqualTo(new Wording(registered.wording().id(), WORDING, "form-3", "nl"));
        assertThat(l.ledger().evidenceOf(l.jan()).consents().getFirst().wording()).isEqualTo(WORDING);
        assertRefused(() -> l.ledger().append(l.jan(), new ConsentEvidence(null, Instant.EPOCH, Set.of(Channel.EMAIL), List.of(),
                ConsentMethod.WRITTEN, ObtainedBy.SENDER, new Wording(registered.wording().id(), "Other words", null, null), null, null, null)),
                "wording", "differs");
    }

    // --- the chain

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void theChainVerifiesAndItsHashesCanBeRecomputedFromTheDefinition(TestDatabase database) throws Exception {
        Ledgered l = ledgered(database);
        List<EvidenceRecord> records = appendFive(l);

        assertThat(l.ledger().verify()).isEqualTo(ChainVerification.intact(5));
        assertThat(l.ledger().verify()).hasToString("intact, 5 records");
        EvidenceRecord first = records.getFirst();
        String canonical = "{\"contactId\":" + l.jan() + ",\"contentSha256\":\"" + sha256(first.contentJson()) + "\",\"externalId\":\"o-77\","
                + "\"id\":1,\"kind\":\"PURCHASE\",\"recordedAt\":\"2026-11-24T12:00:00.123456Z\",\"supersedes\":null}";
        assertThat(first.previousHash()).isEqualTo("0".repeat(64));
        assertThat(first.hash()).isEqualTo(sha256("0".repeat(64) + "\n" + canonical));
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).previousHash()).isEqualTo(records.get(i - 1).hash());
        }
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void contentChangedInTheDatabaseIsReportedAsTheFirstBrokenLink(TestDatabase database) throws Exception {
        Ledgered l = ledgered(database);
        List<EvidenceRecord> records = appendFive(l);
        String forged = records.get(2).contentJson().replace("\"photo-prints\"", "\"all-products\"");
        assertThat(forged).isNotEqualTo(records.get(2).contentJson());

        l.jdbc().sql("UPDATE evidence_record SET content = :content WHERE id = 3").param("content", forged).update();
        ChainVerification verification = l.ledger().verify();

        assertThat(verification.intact()).isFalse();
        assertThat(verification.brokenAt()).isEqualTo(3L);
        assertThat(verification.reason()).contains("content_digest").contains("content or digest was changed");
        assertThat(verification.records()).as("records verified before the break").isEqualTo(2);

        // Changing the digest along with the content does not help: the chain hashed the digest.
        l.jdbc().sql("UPDATE evidence_record SET content_digest = :digest WHERE id = 3").param("digest", sha256(forged)).update();
        ChainVerification again = l.ledger().verify();
        assertThat(again.brokenAt()).isEqualTo(3L);
        assertThat(again.reason()).contains("stored hash").contains("content was changed");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aChangedTimeOrPreviousHashIsReportedToo(TestDatabase database) {
        Ledgered l = ledgered(database);
        List<EvidenceRecord> records = appendFive(l);

        l.jdbc().sql("UPDATE evidence_record SET recorded_at = :at WHERE id = 4")
                .param("at", OffsetDateTime.parse("2020-01-01T00:00:00Z")).update();
        assertThat(l.ledger().verify().brokenAt()).isEqualTo(4L);

        // Record 2 made to follow record 3 instead of record 1: the earlier break is reported first.
        l.jdbc().sql("UPDATE evidence_record SET previous_hash = :hash WHERE id = 2").param("hash", records.get(2).hash()).update();
        ChainVerification verification = l.ledger().verify();
        assertThat(verification.brokenAt()).isEqualTo(2L);
        assertThat(verification.reason()).contains("previous_hash");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aDeletedRecordIsReported(TestDatabase database) {
        Ledgered l = ledgered(database);
        appendFive(l);

        l.jdbc().sql("DELETE FROM evidence_record WHERE id = 3").update();
        ChainVerification verification = l.ledger().verify();

        assertThat(verification.intact()).isFalse();
        assertThat(verification.brokenAt()).isEqualTo(3L);
        assertThat(verification.reason()).startsWith("record 3 is missing");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void deletingTheLastRecordsIsReportedAgainstTheChainHead(TestDatabase database) {
        Ledgered l = ledgered(database);
        appendFive(l);

        l.jdbc().sql("DELETE FROM evidence_record WHERE id >= 4").update();
        ChainVerification verification = l.ledger().verify();

        assertThat(verification.brokenAt()).isEqualTo(4L);
        assertThat(verification.reason()).startsWith("records 4 to 5 are missing").contains("chain head");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void verifyEachReportsEveryBrokenRecordOnceWhereVerifyStopsAtTheFirst(TestDatabase database) {
        Ledgered l = ledgered(database);
        List<EvidenceRecord> records = appendFive(l);
        assertThat(l.ledger().verifyEach(10)).isEqualTo(new ChainReport(5, 0, List.of(), false));

        l.jdbc().sql("UPDATE evidence_record SET recorded_at = :at WHERE id = 2")
                .param("at", OffsetDateTime.parse("2020-01-01T00:00:00Z")).update();
        l.jdbc().sql("UPDATE evidence_record SET content = :content WHERE id = 4")
                .param("content", records.get(3).contentJson().replace("u-1", "u-2")).update();
        ChainReport report = l.ledger().verifyEach(10);

        assertThat(report.intact()).isFalse();
        assertThat(report.records()).isEqualTo(5);
        assertThat(report.broken()).extracting(ChainReport.Broken::recordId).as("each altered record once, not the ones after it")
                .containsExactly(2L, 4L);
        assertThat(report.broken().get(0).reason()).contains("stored hash");
        assertThat(report.broken().get(1).reason()).contains("content_digest");
        assertThat(report.broken()).extracting(ChainReport.Broken::problem).as("the codes the pages show them by")
                .containsExactly(ChainReport.Problem.FIELDS_CHANGED, ChainReport.Problem.CONTENT_CHANGED);
        assertThat(report.broken().get(0).arguments()).as("the hash stored, and what the record hashes to now")
                .hasSize(2).first().isEqualTo(records.get(1).hash());
        assertThat(report.moreBroken()).isFalse();
        assertThat(l.ledger().verify().brokenAt()).isEqualTo(2L);
        assertThat(l.ledger().verify().records()).isEqualTo(1);

        assertThat(l.ledger().verifyEach(1).broken()).extracting(ChainReport.Broken::recordId).containsExactly(2L);
        assertThat(l.ledger().verifyEach(1).moreBroken()).isTrue();
        l.jdbc().sql("DELETE FROM evidence_record WHERE id = 5").update();
        assertThat(l.ledger().verifyEach(10).broken()).extracting(ChainReport.Broken::recordId).containsExactly(2L, 4L, 5L);
        ChainReport.Broken missing = l.ledger().verifyEach(10).broken().get(2);
        assertThat(missing.problem()).isEqualTo(ChainReport.Problem.MISSING_AT_END);
        assertThat(missing.arguments()).as("from, to, the last record the head names, how many").containsExactly(5L, 5L, 5L, 1L);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void concurrentAppendsFromFourThreadsLeaveOneIntactChain(TestDatabase database) throws Exception {
        DataSource migrated = database.fresh();
        HikariConfig pool = new HikariConfig();
        // Pooled as in the server: opening a PostgreSQL connection per append would measure the network, not the lock.
        pool.setDataSource(migrated);
        pool.setMaximumPoolSize(5);
        try (HikariDataSource pooled = new HikariDataSource(pool)) {
            appendConcurrently(ledgered(pooled));
        }
    }

    private static void appendConcurrently(Ledgered l) throws Exception {
        long piet = l.contacts().create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Piet", "cust-2", List.of(), null, List.of()))
                .contact().id();
        int threads = 4;
        int appendsEach = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                long contact = t % 2 == 0 ? l.jan() : piet;
                writers.add(() -> {
                    for (int i = 0; i < appendsEach; i++) {
                        l.ledger().append(contact, purchase("o-" + thread + "-" + i, Proof.ORDER));
                    }
                    return appendsEach;
                });
            }
            for (Future<Integer> writer : pool.invokeAll(writers, 120, TimeUnit.SECONDS)) {
                assertThat(writer.get()).isEqualTo(appendsEach);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(l.ledger().verify()).isEqualTo(ChainVerification.intact(threads * appendsEach));
        assertThat(l.ledger().recordsOf(l.jan())).hasSize(2 * appendsEach);
        assertThat(l.jdbc().sql("SELECT COUNT(DISTINCT previous_hash) FROM evidence_record").query(Long.class).single())
                .as("no two records claim the same predecessor").isEqualTo(threads * appendsEach);
    }

    @Test
    void noStatementOfTheLedgerUpdatesOrDeletesEvidenceButTheErasureOfContent() throws IllegalAccessException {
        Pattern changesEvidence = Pattern.compile("(?is)\\b(UPDATE|DELETE\\s+FROM|TRUNCATE(\\s+TABLE)?)\\s+(evidence_record|consent_wording)\\b");
        int statements = 0;
        for (Field field : EvidenceSql.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                field.setAccessible(true);
                if (field.getName().equals("ERASE_CONTENT")) {
                    // The one exception, GDPR erasure: content replaced by a marker, nothing else (see LedgerErasureTests).
                    assertThat(((String) field.get(null)).replaceAll("\\s+", " "))
                            .contains("UPDATE evidence_record SET content = :marker, erased_at = :erasedAt WHERE contact_id = :contactId");
                    continue;
                }
                assertThat(changesEvidence.matcher((String) field.get(null)).find()).as(field.getName()).isFalse();
                statements++;
            }
        }
        assertThat(statements).isGreaterThan(10);
    }

    // --- helpers

    private static List<EvidenceRecord> appendFive(Ledgered l) {
        Ledger ledger = l.ledger();
        return List.of(
                ledger.append(l.jan(), purchase("o-77", Proof.INVOICE)).record(),
                ledger.append(l.jan(), new InteractionEvidence(null, InteractionType.QUOTE, Instant.parse("2025-02-01T00:00:00Z"))).record(),
                ledger.append(l.jan(), consent("c-1", List.of("photo-prints"), null)).record(),
                ledger.append(l.jan(), objection("u-1")).record(),
                ledger.append(l.jan(), withdrawal(null, "c-1", "2025-07-01T00:00:00Z")).record());
    }

    private static void assertRefused(ThrowingCallable call, String field, String problemPart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.problem()).contains(problemPart);
        });
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
