package nl.mailwijs.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.NewContact;
import nl.mailwijs.contacts.NewContact.NewAddress;
import nl.mailwijs.contacts.UnknownContactException;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.evidence.ConsentEvidence.Capture;
import nl.mailwijs.evidence.ConsentEvidence.Wording;
import nl.mailwijs.evidence.internal.ChainHash;
import nl.mailwijs.testing.TestDatabase;

/**
 * GDPR erasure in the ledger, on H2 and PostgreSQL: the personal content of a contact's records
 * goes, the hash chain still verifies (it covers each content's digest, which stays), the erasure
 * is itself a record, and content blanked any other way is reported.
 */
class LedgerErasureTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00.123456Z"), ZoneOffset.UTC);

    private record Ledgered(JdbcClient jdbc, Contacts contacts, Ledger ledger, long jan, long piet) {
    }

    private static Ledgered ledgered(TestDatabase database) {
        var dataSource = database.fresh();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        var transactions = new DataSourceTransactionManager(dataSource);
        var bulk = new nl.mailwijs.platform.BulkWrites(dataSource);
        Contacts contacts = new Contacts(jdbc, transactions, CLOCK, bulk);
        Ledger ledger = new Ledger(jdbc, transactions, CLOCK, contacts, bulk);
        long jan = contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Jan Jansen", "cust-1", List.of(), null,
                List.of(new NewAddress(Channel.EMAIL, "jan@example.nl")))).contact().id();
        long piet = contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Piet Bakker", "cust-2", List.of(), null,
                List.of(new NewAddress(Channel.EMAIL, "piet@example.nl")))).contact().id();
        return new Ledgered(jdbc, contacts, ledger, jan, piet);
    }

    private static PurchaseEvidence purchase(String id) {
        return new PurchaseEvidence(id, Instant.parse("2021-05-12T00:00:00Z"), List.of("portrait-photography"), Proof.INVOICE, "F-2021-0042",
                true, true);
    }

    private static ConsentEvidence consent(String id) {
        return new ConsentEvidence(id, Instant.parse("2024-03-01T10:00:00Z"), Set.of(Channel.EMAIL), List.of(), ConsentMethod.DOUBLE_OPT_IN,
                ObtainedBy.SENDER, Wording.text("Ja, stuur mij de nieuwsbrief."), Instant.parse("2024-03-01T10:05:00Z"), null,
                new Capture("jan@example.nl", "https://fotostudiojansen.nl/nieuwsbrief", "192.0.2.10", "Mozilla/5.0", null, null));
    }

    private static ObjectionEvidence objection(String id, String raw) {
        return new ObjectionEvidence(id, Instant.parse("2025-06-01T09:00:00Z"), false, Set.of(Channel.EMAIL), List.of("photo-prints"),
                ObjectionRoute.PHONE, raw);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void erasureBlanksTheContentOfTheContactsRecordsAndTheChainStillVerifies(TestDatabase database) {
        Ledgered l = ledgered(database);
        Ledger ledger = l.ledger();
        EvidenceRecord bought = ledger.append(l.jan(), purchase("o-77")).record();
        EvidenceRecord pietBought = ledger.append(l.piet(), purchase("o-78")).record();
        EvidenceRecord consented = ledger.append(l.jan(), consent("c-1")).record();
        EvidenceRecord objected = ledger.append(l.jan(), objection("b-1", "Jan Jansen belde: geen nieuwsbrief meer naar jan@example.nl")).record();
        List<List<ObjectionEvidence>> given = new ArrayList<>();

        Ledger.Erasure erasure = ledger.erase(l.jan(), objections -> {
            given.add(objections);
            return 1;
        });

        assertThat(given).singleElement().satisfies(objections -> assertThat(objections).containsExactly(
                (ObjectionEvidence) objected.content()));
        assertThat(erasure.erasedRecords()).containsExactly(bought.id(), consented.id(), objected.id());
        assertThat(erasure.erasureRecord().kind()).isEqualTo(EvidenceKind.ERASURE);
        assertThat(erasure.erasureRecord().contentJson()).isEqualTo(
                "{\"at\":\"2026-11-24T12:00:00.123456Z\",\"erasedRecords\":[1,3,4],\"suppressions\":1}");
        assertThat(ledger.verify()).isEqualTo(ChainVerification.intact(5, 3));
        assertThat(ledger.verify()).hasToString("intact, 5 records (3 erased)");

        String stored = String.join("\n", l.jdbc().sql("SELECT content FROM evidence_record WHERE contact_id = :c ORDER BY id")
                .param("c", l.jan()).query(String.class).list());
        assertThat(stored).doesNotContain("jan@example.nl", "Jan", "192.0.2.10", "o-77", "photo-prints", "Mozilla")
                .contains("{\"erasedAt\":\"2026-11-24T12:00:00.123456Z\"}");
        assertThat(ledger.recordsOf(l.jan())).extracting(EvidenceRecord::content).containsExactly(
                new ErasedEvidence(EvidenceKind.PURCHASE, Instant.parse("2026-11-24T12:00:00.123456Z")),
                new ErasedEvidence(EvidenceKind.CONSENT, Instant.parse("2026-11-24T12:00:00.123456Z")),
                new ErasedEvidence(EvidenceKind.OBJECTION, Instant.parse("2026-11-24T12:00:00.123456Z")),
                erasure.erasureRecord().content());
        assertThat(ledger.record(pietBought.id()).orElseThrow()).as("another contact's record is untouched").isEqualTo(pietBought);
        assertThat(ledger.evidenceOfAll(List.of(l.jan())).get(l.jan()).evidence().objections()).as("an erased record is evidence of nothing")
                .isEmpty();

        // The chain goes on after the erasure.
        ledger.append(l.piet(), objection("b-2", "per brief"));
        assertThat(ledger.verify()).isEqualTo(ChainVerification.intact(6, 3));
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void anErasedContactGetsNoMoreEvidenceAndCannotBeErasedTwice(TestDatabase database) {
        Ledgered l = ledgered(database);
        l.ledger().append(l.jan(), purchase("o-77"));
        l.ledger().erase(l.jan(), objections -> 0);
        l.contacts().erase(l.jan());

        assertThatThrownBy(() -> l.ledger().append(l.jan(), purchase("o-79"))).isInstanceOf(UnknownContactException.class);
        assertThatThrownBy(() -> l.ledger().erase(l.jan(), objections -> 0)).isInstanceOf(UnknownContactException.class);
        assertThat(l.ledger().verify()).isEqualTo(ChainVerification.intact(2, 1));
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void contentBlankedBehindMailwijssBackIsReportedThoughTheDigestStillMatches(TestDatabase database) {
        Ledgered l = ledgered(database);
        l.ledger().append(l.jan(), purchase("o-77"));
        l.ledger().append(l.jan(), objection("b-1", "telefoon"));
        l.ledger().append(l.piet(), purchase("o-78"));

        // Someone hides the objection by making it look erased, without an erasure record.
        l.jdbc().sql("UPDATE evidence_record SET content = '{}', erased_at = :at WHERE id = 2")
                .param("at", OffsetDateTime.parse("2026-11-24T12:00:00Z")).update();
        ChainVerification verification = l.ledger().verify();

        assertThat(verification.intact()).isFalse();
        assertThat(verification.brokenAt()).isEqualTo(2L);
        assertThat(verification.reason()).contains("no erasure record");

        // An erasure record of another contact does not cover it either.
        l.ledger().erase(l.piet(), objections -> 0);
        assertThat(l.ledger().verify().brokenAt()).isEqualTo(2L);
    }

    /**
     * A database from before the digest (V12): its records were hashed over their content. They
     * still verify, and once erased they are checked by their links and the erasure record.
     */
    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void recordsHashedOverTheirContentBeforeTheDigestStillVerifyAndCanBeErased(TestDatabase database) {
        Ledgered l = ledgered(database);
        l.ledger().append(l.jan(), purchase("o-77"));
        l.ledger().append(l.piet(), purchase("o-78"));
        l.ledger().append(l.jan(), objection("b-1", "telefoon"));
        rehashOverContent(l);
        assertThat(l.ledger().verify()).isEqualTo(ChainVerification.intact(3));

        l.jdbc().sql("UPDATE evidence_record SET content = REPLACE(content, 'o-78', 'o-99') WHERE id = 2").update();
        assertThat(l.ledger().verify().brokenAt()).as("a changed old record still shows").isEqualTo(2L);
        l.jdbc().sql("UPDATE evidence_record SET content = REPLACE(content, 'o-99', 'o-78') WHERE id = 2").update();

        l.ledger().erase(l.jan(), objections -> 0);
        assertThat(l.ledger().verify()).isEqualTo(ChainVerification.intact(4, 2));
    }

    /** Rewrites the chain as the ledger made it before V12: no digest, each hash over the content itself. */
    private static void rehashOverContent(Ledgered l) {
        String previous = ChainHash.GENESIS;
        for (EvidenceRecord record : l.jdbc().sql("SELECT id FROM evidence_record ORDER BY id").query(Long.class).list().stream()
                .map(id -> l.ledger().record(id).orElseThrow()).toList()) {
            String hash = ChainHash.overContent(previous, record.id(), record.contactId(), record.kind().name(), record.externalId(),
                    record.recordedAt(), record.supersedes(), record.contentJson());
            l.jdbc().sql("UPDATE evidence_record SET content_digest = NULL, previous_hash = :previous, hash = :hash WHERE id = :id")
                    .param("previous", previous).param("hash", hash).param("id", record.id()).update();
            previous = hash;
        }
        l.jdbc().sql("UPDATE evidence_chain_head SET last_hash = :hash WHERE id = 1").param("hash", previous).update();
    }
}
