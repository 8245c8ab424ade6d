package nl.mailwijs.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.NewContact;
import nl.mailwijs.contacts.NewContact.NewAddress;
import nl.mailwijs.contacts.UnknownContactException;
import nl.mailwijs.engine.DecisionEngine;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.decision.Verdict;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.DecisionRequest;
import nl.mailwijs.engine.request.Evidence;
import nl.mailwijs.engine.request.Message;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.Policy;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.Recipient;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.engine.request.Sender;
import nl.mailwijs.evidence.ChainVerification;
import nl.mailwijs.evidence.ConsentEvidence;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.ObjectionEvidence;
import nl.mailwijs.platform.BulkWrites;
import nl.mailwijs.platform.ServerSecrets;
import nl.mailwijs.testing.TestDatabase;

/**
 * Suppression that outlives erasure, on H2 and PostgreSQL: an erased person who objected is
 * denied again when their address comes back on a new contact, by the keyed hash alone; one who
 * never objected may be mailed on a new basis; and no readable address is kept.
 */
class SuppressionsTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
    private static final Instant SEND_AT = Instant.parse("2026-11-25T09:00:00Z");

    private record Fixture(DataSource dataSource, JdbcClient jdbc, Contacts contacts, Ledger ledger, Suppressions suppressions,
                           Erasures erasures, List<Object> events) {
    }

    private static Fixture fixture(TestDatabase database) {
        DataSource dataSource = database.fresh();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        var transactions = new DataSourceTransactionManager(dataSource);
        var bulk = new BulkWrites(dataSource);
        List<Object> events = new ArrayList<>();
        Contacts contacts = new Contacts(jdbc, transactions, CLOCK, bulk);
        Ledger ledger = new Ledger(jdbc, transactions, CLOCK, contacts, bulk, events::add);
        Suppressions suppressions = new Suppressions(jdbc, transactions, CLOCK, new ServerSecrets(jdbc, CLOCK), events::add);
        Erasures erasures = new Erasures(contacts, ledger, suppressions, events::add, transactions);
        return new Fixture(dataSource, jdbc, contacts, ledger, suppressions, erasures, events);
    }

    private static long customer(Fixture f, String externalId, String... addresses) {
        List<NewAddress> all = java.util.Arrays.stream(addresses).map(address -> new NewAddress(
                address.startsWith("+") ? Channel.SMS : Channel.EMAIL, address)).toList();
        long id = f.contacts().create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Jan Jansen", externalId, List.of("vip"),
                "{\"city\":\"Utrecht\"}", all)).contact().id();
        f.ledger().append(id, new ConsentEvidence("c-" + externalId, Instant.parse("2024-03-01T10:00:00Z"), Set.of(Channel.EMAIL, Channel.SMS),
                List.of(), ConsentMethod.UNTICKED_CHECKBOX, ObtainedBy.SENDER, ConsentEvidence.Wording.text("Ja, stuur mij de nieuwsbrief."),
                null, null, null));
        return id;
    }

    private static ObjectionEvidence objection(Set<Channel> channels, List<String> topics) {
        return new ObjectionEvidence(null, Instant.parse("2025-06-01T09:00:00Z"), channels.isEmpty(), channels, topics, ObjectionRoute.LETTER,
                "brief van 1 juni");
    }

    private static Decision decide(Fixture f, long contactId, Channel channel, List<String> topics) {
        Contact contact = f.contacts().find(contactId).orElseThrow();
        Evidence evidence = f.suppressions().applyTo(f.ledger().evidenceOf(contactId), contact);
        return new DecisionEngine().decide(new DecisionRequest(
                new Sender("Fotostudio Jansen B.V.", null, "NL", "privacy@fotostudio-jansen.nl"),
                new Recipient(contact.kind(), contact.country(), channel, contact.addressesOn(channel).getFirst().address(), false),
                evidence, new Message(Purpose.COMMERCIAL, topics, true, SEND_AT, null), Policy.NL_DEFAULT));
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void anErasedObjectorImportedAgainIsDeniedNamingTheErasureSuppression(TestDatabase database) {
        Fixture f = fixture(database);
        long jan = customer(f, "k-1", "Jan@Example.NL", "+31612345678");
        f.ledger().append(jan, objection(Set.of(), List.of()));
        assertThat(decide(f, jan, Channel.EMAIL, List.of()).denial()).isEqualTo(Denial.OBJECTED);

        Erasures.Erased erased = f.erasures().erase(jan);

        assertThat(erased.suppressions()).as("one objection, two addresses").isEqualTo(2);
        assertThat(erased.erasedRecords()).isEqualTo(2);
        assertThat(f.contacts().find(jan)).isEmpty();
        assertThat(f.ledger().verify()).isEqualTo(ChainVerification.intact(3, 2));
        assertThat(f.events()).filteredOn(ContactErased.class::isInstance).singleElement()
                .isEqualTo(new ContactErased(jan, List.of("Jan@example.nl", "+31612345678"), erased.erasedAt()));
        String kept = String.join("\n", f.jdbc().sql("SELECT CONCAT(address_hmac, ' ', channels, ' ', topics, ' ', cause) FROM objection_suppression")
                .query(String.class).list());
        assertThat(kept.toLowerCase()).doesNotContain("jan", "example", "31612345678");
        String contactRow = f.jdbc().sql("SELECT CONCAT(COALESCE(name, '-'), ' ', COALESCE(external_id, '-'), ' ', attributes) FROM contact WHERE id = :id")
                .param("id", jan).query(String.class).single();
        assertThat(contactRow).isEqualTo("- - {}");
        assertThat(f.jdbc().sql("SELECT COUNT(*) FROM contact_address WHERE contact_id = :id").param("id", jan).query(Long.class).single()).isZero();
        assertThat(f.jdbc().sql("SELECT COUNT(*) FROM contact_tag WHERE contact_id = :id").param("id", jan).query(Long.class).single()).isZero();

        // Imported again, with a consent and the address spelled otherwise: still objecting, by the keyed hash.
        long again = customer(f, "k-1", "jan@EXAMPLE.nl");
        assertThat(again).isNotEqualTo(jan);
        Decision decision = decide(f, again, Channel.EMAIL, List.of());
        assertThat(decision.verdict()).isEqualTo(Verdict.DENY);
        assertThat(decision.denial()).isEqualTo(Denial.OBJECTED);
        assertThat(decision.reasons()).anySatisfy(reason -> {
            assertThat(reason.rule()).isEqualTo("NL-AVG-21");
            assertThat(reason.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(reason.text(Language.NL)).contains("2025-06-01");
        });
        assertThat(f.suppressions().of(f.contacts().find(again).orElseThrow())).singleElement().satisfies(entry -> {
            assertThat(entry.evidenceId()).startsWith("erasure-suppression-");
            assertThat(entry.covers(Channel.EMAIL, List.of())).isTrue();
            assertThat(entry.explanation(Language.NL)).contains(entry.evidenceId(), "blokkeerlijst", "2025-06-01", "gewist");
            assertThat(entry.explanation(Language.EN)).contains(entry.evidenceId(), "suppression list", "erased");
        });
        // By any of the person's addresses: the phone number alone is enough too.
        long byPhone = customer(f, "k-9", "nieuw@example.nl", "+31 6 12345678");
        assertThat(decide(f, byPhone, Channel.EMAIL, List.of()).denial()).isEqualTo(Denial.OBJECTED);
        assertThat(f.suppressions().of(Channel.EMAIL, "JAN@example.nl")).hasSize(1)
                .allSatisfy(entry -> assertThat(entry.cause()).isEqualTo(SuppressionCause.ERASURE));
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void theSuppressionKeepsTheScopeOfTheObjection(TestDatabase database) {
        Fixture f = fixture(database);
        long jan = customer(f, "k-1", "jan@example.nl");
        f.ledger().append(jan, objection(Set.of(Channel.EMAIL), List.of("photo-prints")));
        f.erasures().erase(jan);

        long again = customer(f, "k-1", "jan@example.nl");

        assertThat(decide(f, again, Channel.EMAIL, List.of("photo-prints")).denial()).isEqualTo(Denial.OBJECTED);
        assertThat(decide(f, again, Channel.EMAIL, List.of("portrait-photography")).verdict()).as("another topic").isEqualTo(Verdict.ALLOW);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aPersonWhoNeverObjectedLeavesNoSuppressionAndMayBeMailedOnANewBasis(TestDatabase database) {
        Fixture f = fixture(database);
        long jan = customer(f, "k-1", "jan@example.nl");

        assertThat(f.erasures().erase(jan).suppressions()).isZero();
        long again = customer(f, "k-1", "jan@example.nl");

        assertThat(decide(f, again, Channel.EMAIL, List.of()).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(f.jdbc().sql("SELECT COUNT(*) FROM objection_suppression").query(Long.class).single()).isZero();
        assertThatThrownBy(() -> f.erasures().erase(jan)).as("erased before").isInstanceOf(UnknownContactException.class);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void anObjectionForAnAddressNoContactHasStopsAContactThatGetsItLater(TestDatabase database) {
        Fixture f = fixture(database);
        long piet = customer(f, "k-2", "piet@example.nl");
        Map<Long, Ledger.ContactEvidence> before = f.suppressions().applyTo(f.ledger().evidenceOfAll(List.of(piet)),
                List.of(f.contacts().find(piet).orElseThrow()));

        Suppression kept = f.suppressions().recordAddressObjection(Channel.EMAIL, " Onbekend@Example.nl ",
                objection(Set.of(), List.of()));

        assertThat(f.events()).filteredOn(AddressObjectionRecorded.class::isInstance).singleElement()
                .isEqualTo(new AddressObjectionRecorded(kept, Channel.EMAIL, "Onbekend@Example.nl", kept.createdAt()));
        assertThat(kept.evidenceId()).isEqualTo("address-suppression-" + kept.id());
        long later = customer(f, "k-3", "onbekend@example.nl");
        Decision decision = decide(f, later, Channel.EMAIL, List.of());
        assertThat(decision.denial()).isEqualTo(Denial.OBJECTED);
        // The batch form, as pre-flight and outbox use it: the cached list is read again after the new entry.
        List<Contact> both = List.of(f.contacts().find(piet).orElseThrow(), f.contacts().find(later).orElseThrow());
        Map<Long, Ledger.ContactEvidence> batch = f.suppressions().applyTo(f.ledger().evidenceOfAll(List.of(piet, later)), both);
        assertThat(batch.get(later).evidence().objections()).extracting(objection -> objection.id())
                .containsExactly("address-suppression-" + kept.id());
        assertThat(batch.get(piet).evidence().objections()).isEmpty();
        assertThat(before.get(piet).evidence().objections()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void theKeyedHashDependsOnTheServersSecretAndTheNormalisedAddress(TestDatabase database) {
        Fixture f = fixture(database);
        Fixture other = fixture(database);

        String hash = f.suppressions().keyedHash(Channel.EMAIL, Contacts.addressKey("address", Channel.EMAIL, "Jan@Bücher.de"));

        assertThat(hash).hasSize(64).isEqualTo(f.suppressions().keyedHash(Channel.EMAIL, "jan@xn--bcher-kva.de"));
        assertThat(hash).isNotEqualTo(f.suppressions().keyedHash(Channel.SMS, "jan@xn--bcher-kva.de"))
                .as("another server's secret").isNotEqualTo(other.suppressions().keyedHash(Channel.EMAIL, "jan@xn--bcher-kva.de"));
    }
}
