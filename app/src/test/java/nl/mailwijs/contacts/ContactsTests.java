package nl.mailwijs.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import nl.mailwijs.contacts.NewContact.NewAddress;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.testing.TestDatabase;

class ContactsTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00.123456789Z"), ZoneOffset.UTC);

    private static Contacts contacts(DataSource dataSource) {
        return new Contacts(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource), CLOCK, new nl.mailwijs.platform.BulkWrites(dataSource));
    }

    private static NewContact jan(String externalId, NewAddress... addresses) {
        return new NewContact(RecipientKind.NATURAL_PERSON, "nl", "Jan Jansen", externalId, List.of("klant", "VIP"),
                "{\"city\": \"Utrecht\", \"since\": 2019}", List.of(addresses));
    }

    private static NewAddress email(String address) {
        return new NewAddress(Channel.EMAIL, address);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aCreatedContactKeepsItsFieldsAndNormalisedAddresses(TestDatabase database) {
        Contacts contacts = contacts(database.fresh());

        SavedContact saved = contacts.create(jan("cust-1", email("  Jan.Jansen@Example.NL "), email("jan@Bücher.de"),
                new NewAddress(Channel.SMS, "+31 6 1234-5678")));

        assertThat(saved.created()).isTrue();
        Contact contact = contacts.find(saved.contact().id()).orElseThrow();
        assertThat(contact).isEqualTo(saved.contact());
        assertThat(contact.kind()).isEqualTo(RecipientKind.NATURAL_PERSON);
        assertThat(contact.country()).isEqualTo("NL");
        assertThat(contact.externalId()).isEqualTo("cust-1");
        assertThat(contact.tags()).containsExactlyInAnyOrder("klant", "VIP");
        assertThat(contact.attributes()).isEqualTo("{\"city\":\"Utrecht\",\"since\":2019}");
        assertThat(contact.createdAt()).isEqualTo(Instant.parse("2026-11-24T12:00:00.123456Z"));
        assertThat(contact.addresses()).extracting(ContactAddress::channel, ContactAddress::address, ContactAddress::asciiDomain)
                .containsExactly(
                        tuple(Channel.EMAIL, "Jan.Jansen@example.nl", "example.nl"),
                        tuple(Channel.EMAIL, "jan@bücher.de", "xn--bcher-kva.de"),
                        tuple(Channel.SMS, "+31612345678", null));
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void creatingTheSameExternalIdAgainReturnsTheContactAndAddsOnlyNewAddresses(TestDatabase database) {
        DataSource dataSource = database.fresh();
        Contacts contacts = contacts(dataSource);
        Contact first = contacts.create(jan("cust-1", email("jan@example.nl"))).contact();

        NewContact again = new NewContact(RecipientKind.LEGAL_ENTITY, "BE", "Someone Else", "cust-1", List.of("other"), null,
                List.of(email("JAN@example.nl"), email("jan@work.example"), new NewAddress(Channel.WHATSAPP, "+32470123456")));
        SavedContact second = contacts.create(again);

        assertThat(second.created()).isFalse();
        assertThat(second.contact().id()).isEqualTo(first.id());
        assertThat(second.contact().name()).as("nothing is overwritten").isEqualTo("Jan Jansen");
        assertThat(second.contact().kind()).isEqualTo(RecipientKind.NATURAL_PERSON);
        assertThat(second.contact().tags()).containsExactlyInAnyOrder("klant", "VIP");
        assertThat(second.contact().addresses()).extracting(ContactAddress::address)
                .containsExactly("jan@example.nl", "jan@work.example", "+32470123456");
        assertThat(JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM contact").query(Long.class).single()).isEqualTo(1);
        assertThat(contacts.findByExternalId("cust-1")).hasValue(second.contact());
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void contactsWithoutExternalIdAreAlwaysNew(TestDatabase database) {
        Contacts contacts = contacts(database.fresh());

        long a = contacts.create(jan(null, email("jan@example.nl"))).contact().id();
        long b = contacts.create(jan(null, email("jan@example.nl"))).contact().id();

        assertThat(a).isNotEqualTo(b);
        assertThat(contacts.findByAddress(Channel.EMAIL, "jan@example.nl")).extracting(Contact::id).containsExactly(a, b);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void anAddressIsFoundNormalisedAndCaseInsensitively(TestDatabase database) {
        Contacts contacts = contacts(database.fresh());
        long jan = contacts.create(jan("cust-1", email("Jan.Jansen@Example.nl"), email("piet@bücher.de"),
                new NewAddress(Channel.SMS, "+31612345678"))).contact().id();

        assertThat(contacts.findByAddress(Channel.EMAIL, " JAN.JANSEN@EXAMPLE.NL")).extracting(Contact::id).containsExactly(jan);
        assertThat(contacts.findByAddress(Channel.EMAIL, "Piet@xn--bcher-kva.de")).as("A-label finds the Unicode domain")
                .extracting(Contact::id).containsExactly(jan);
        assertThat(contacts.findByAddress(Channel.SMS, "+31 (6) 12 34 56 78")).extracting(Contact::id).containsExactly(jan);
        assertThat(contacts.findByAddress(Channel.WHATSAPP, "+31612345678")).as("another channel").isEmpty();
        assertThat(contacts.findByAddress(Channel.EMAIL, "someone@example.nl")).isEmpty();
        assertThatThrownBy(() -> contacts.findByAddress(Channel.SMS, "0612345678"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("address"));
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void theListPagesAndFiltersOnNameAddressAndTag(TestDatabase database) {
        Contacts contacts = contacts(database.fresh());
        for (int i = 1; i <= 7; i++) {
            contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Klant " + i, "c-" + i,
                    i % 2 == 0 ? List.of("Even") : List.of(), null, List.of(email("klant" + i + "@example.nl"))));
        }
        contacts.create(new NewContact(RecipientKind.LEGAL_ENTITY, "NL", "Fotostudio 100%_Jansen", "c-8", List.of(), null,
                List.of(email("info@fotostudio.example"))));

        ContactPage first = contacts.list(new ContactQuery(null, null, 0, 3));
        ContactPage third = contacts.list(new ContactQuery(null, null, 2, 3));
        assertThat(first.total()).isEqualTo(8);
        assertThat(first.contacts()).extracting(Contact::name).containsExactly("Klant 1", "Klant 2", "Klant 3");
        assertThat(third.contacts()).extracting(Contact::name).containsExactly("Klant 7", "Fotostudio 100%_Jansen");

        assertThat(contacts.list(new ContactQuery("KLANT3@", null, 0, 50)).contacts()).extracting(Contact::externalId).containsExactly("c-3");
        assertThat(contacts.list(new ContactQuery("fotostudio", null, 0, 50)).contacts()).extracting(Contact::externalId).containsExactly("c-8");
        assertThat(contacts.list(new ContactQuery("100%_", null, 0, 50)).total()).as("% and _ match literally").isEqualTo(1);
        assertThat(contacts.list(new ContactQuery("0%", null, 0, 50)).total()).isEqualTo(1);
        ContactPage even = contacts.list(new ContactQuery(null, "even", 0, 50));
        assertThat(even.contacts()).extracting(Contact::externalId).containsExactly("c-2", "c-4", "c-6");
        assertThat(contacts.list(new ContactQuery("klant 4", "EVEN", 0, 50)).contacts()).extracting(Contact::externalId).containsExactly("c-4");
        assertThat(even.contacts().getFirst().addresses()).extracting(ContactAddress::address).containsExactly("klant2@example.nl");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void concurrentCreatesOfOneExternalIdMakeOneContactWithEveryAddress(TestDatabase database) throws Exception {
        DataSource dataSource = database.fresh();
        Contacts contacts = contacts(dataSource);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Long>> creates = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String address = "jan" + (i % 4) + "@example.nl";
                creates.add(() -> contacts.create(jan("cust-1", email(address))).contact().id());
            }
            List<Long> ids = new ArrayList<>();
            for (Future<Long> id : pool.invokeAll(creates, 60, TimeUnit.SECONDS)) {
                ids.add(id.get());
            }
            assertThat(ids).containsOnly(ids.getFirst());
        } finally {
            pool.shutdownNow();
        }
        assertThat(contacts.findByExternalId("cust-1").orElseThrow().addresses()).extracting(ContactAddress::address)
                .containsExactlyInAnyOrder("jan0@example.nl", "jan1@example.nl", "jan2@example.nl", "jan3@example.nl");
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Contacts contacts = contacts(TestDatabase.H2.fresh());

        assertRefused(() -> contacts.create(new NewContact(null, "NL", null, null, null, null, null)), "kind");
        assertRefused(() -> contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "UK", null, null, null, null, null)), "country");
        assertRefused(() -> contacts.create(jan("  ")), "externalId");
        assertRefused(() -> contacts.create(jan("c", email("jan@example.nl"), email("jan@@example"))), "addresses[1].address");
        assertRefused(() -> contacts.create(jan("c", new NewAddress(Channel.SMS, "06 12345678"))), "addresses[0].address");
        assertRefused(() -> contacts.create(jan("c", new NewAddress(null, "jan@example.nl"))), "addresses[0].channel");
        assertRefused(() -> contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", null, null, List.of("a", " "), null, null)),
                "tags[1]");
        assertRefused(() -> contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", null, null, null, "[1, 2]", null)),
                "attributes");
        assertRefused(() -> contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Jan\0", null, null, null, null)), "name");
        assertRefused(() -> new ContactQuery(null, null, 0, 201), "size");
        assertRefused(() -> new ContactQuery(null, null, -1, 10), "page");
    }

    private static void assertRefused(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
