package nl.mailwijs.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.NewContact;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.PurchaseEvidence;
import nl.mailwijs.settings.SettingsChange;
import nl.mailwijs.settings.SettingsStore;
import nl.mailwijs.platform.ServerSecrets;
import nl.mailwijs.suppression.Suppressions;
import nl.mailwijs.testing.TestDatabase;

/** Decisions are kept with the records they relied on; retention follows the latest send that relied on a record. */
class DecisionRecordsTests {

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void evidenceReliedOnIsKeptFiveYearsAfterTheLatestSendThatReliedOnIt(TestDatabase database) {
        DataSource dataSource = database.fresh();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Clock clock = Clock.systemUTC();
        var transactions = new DataSourceTransactionManager(dataSource);
        var bulk = new nl.mailwijs.platform.BulkWrites(dataSource);
        Contacts contacts = new Contacts(jdbc, transactions, clock, bulk);
        Ledger ledger = new Ledger(jdbc, transactions, clock, contacts, bulk);
        SettingsStore settings = new SettingsStore(jdbc, clock);
        settings.change(new SettingsChange("Fotostudio Jansen B.V.", null, null, null, "NL", null,
                Map.of("portrait-photography", List.of("photo-prints")), null, null), "test");
        long contact = contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Jan", "k-1", List.of(), null,
                List.of(new NewContact.NewAddress(Channel.EMAIL, "jan@example.nl")))).contact().id();
        long purchase = ledger.append(contact, new PurchaseEvidence("o-77", Instant.parse("2026-01-12T00:00:00Z"),
                List.of("portrait-photography"), Proof.INVOICE, null, true, true)).record().id();
        Suppressions suppressions = new Suppressions(jdbc, transactions, clock, new ServerSecrets(jdbc, clock), event -> {
        });
        ContactDecisions decisions = new ContactDecisions(contacts, ledger, settings, clock, suppressions,
                new ContactsWithEvidence(contacts, ledger, suppressions));
        DecisionRecords records = new DecisionRecords(jdbc, ledger, clock);

        for (String sendAt : List.of("2026-11-23T10:00:00Z", "2027-03-01T08:00:00Z")) {
            ContactDecisions.Made made = decisions.decide(contact, new ContactDecisionRequest(Channel.EMAIL, Purpose.COMMERCIAL,
                    List.of("photo-prints"), null, sendAt, null, null));
            records.record(made, made.sendAt());
        }

        assertThat(records.retentionOf(contact)).singleElement().satisfies(retention -> {
            assertThat(retention.evidenceRecordId()).isEqualTo(purchase);
            assertThat(retention.decisionsRelyingOnIt()).isEqualTo(2);
            assertThat(retention.retainUntil()).isEqualTo(Instant.parse("2032-03-01T08:00:00Z"));
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM decision_record WHERE verdict = 'ALLOW' AND basis = 'SOFT_OPT_IN'")
                .query(Long.class).single()).isEqualTo(2);
        assertThat(records.decisionsOf(List.of(contact))).as("as a dossier reads them back").hasSize(2).allSatisfy(stored -> {
            assertThat(stored.contactId()).isEqualTo(contact);
            assertThat(stored.address()).isEqualTo("jan@example.nl");
            assertThat(stored.basis()).isEqualTo("SOFT_OPT_IN");
            assertThat(stored.rules()).contains("NL-TW-11.7-3");
            assertThat(stored.evidenceRecords()).containsExactly(purchase);
            assertThat(stored.decisionJson()).contains("\"verdict\":\"ALLOW\"");
        });
        assertThat(records.decisionsOf(List.of(contact)).get(1).sendAt()).isEqualTo(Instant.parse("2027-03-01T08:00:00Z"));
        assertThat(records.decisionsOf(List.of(contact + 1))).isEmpty();
        assertThat(records.decisionsOf(List.of())).isEmpty();
    }
}
