package nl.mailwijs.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.NewContact.NewAddress;
import nl.mailwijs.contacts.NewContact;
import nl.mailwijs.contacts.UnknownContactException;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.testing.TestDatabase;

/**
 * One-click unsubscribes arrive by the hundred after a campaign: each request waits for its own
 * objection to be committed, but those that arrive together share a transaction. Whatever the
 * grouping, each caller gets what {@code Ledger.append} would have given it.
 */
class GroupedAppendsTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    private record Setup(Ledger ledger, GroupedAppends grouped, List<Long> people, List<ObjectionRecorded> announced) {
    }

    private static Setup setup(DataSource dataSource, int people) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        var transactions = new DataSourceTransactionManager(dataSource);
        var bulk = new nl.mailwijs.platform.BulkWrites(dataSource);
        Contacts contacts = new Contacts(jdbc, transactions, CLOCK, bulk);
        List<ObjectionRecorded> announced = java.util.Collections.synchronizedList(new ArrayList<>());
        Ledger ledger = new Ledger(jdbc, transactions, CLOCK, contacts, bulk, event -> {
            if (event instanceof ObjectionRecorded objection) {
                announced.add(objection);
            }
        });
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            ids.add(contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Klant " + i, "k-" + i, List.of(), null,
                    List.of(new NewAddress(Channel.EMAIL, "klant" + i + "@example.nl")))).contact().id());
        }
        return new Setup(ledger, new GroupedAppends(ledger, Duration.ofSeconds(30), Duration.ofMillis(1)), ids, announced);
    }

    private static ObjectionEvidence unsubscribe(String id, String raw) {
        return new ObjectionEvidence(id, Instant.parse("2026-11-24T12:00:00Z"), false, Set.of(Channel.EMAIL), List.of(),
                ObjectionRoute.UNSUBSCRIBE_LINK, raw);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void manyCallersAtOnceEachGetTheirOwnCommittedRecordAndTheChainHolds(TestDatabase database) throws Exception {
        Setup s = setup(database.fresh(), 60);
        s.grouped().start();
        ExecutorService callers = Executors.newFixedThreadPool(30);
        try {
            List<Future<Appended>> answers = new ArrayList<>();
            for (long person : s.people()) {
                Callable<Appended> call = () -> s.grouped().append(person, unsubscribe("unsubscribe-7-" + person, "one-click for " + person));
                answers.add(callers.submit(call));
            }
            for (int i = 0; i < answers.size(); i++) {
                Appended appended = answers.get(i).get();
                assertThat(appended.created()).isTrue();
                assertThat(appended.record().contactId()).isEqualTo(s.people().get(i));
                assertThat(((ObjectionEvidence) appended.record().content()).rawEvidence()).isEqualTo("one-click for " + s.people().get(i));
            }
        } finally {
            callers.shutdownNow();
            s.grouped().stop();
        }
        assertThat(s.ledger().verify().intact()).isTrue();
        assertThat(s.people()).allSatisfy(person -> assertThat(s.ledger().recordsOf(person)).hasSize(1));
        assertThat(s.announced()).as("every objection announced, as append announces it").hasSize(60);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aRepeatedRecordIsTheEarlierOneAndARefusalReachesOnlyItsOwnCaller(TestDatabase database) {
        Setup s = setup(database.fresh(), 1);
        s.grouped().start();
        try {
            long person = s.people().getFirst();
            Appended first = s.grouped().append(person, unsubscribe("unsubscribe-7-a", "first click"));
            Appended again = s.grouped().append(person, unsubscribe("unsubscribe-7-a", "first click"));
            assertThat(again.created()).isFalse();
            assertThat(again.record().id()).isEqualTo(first.record().id());
            assertThatThrownBy(() -> s.grouped().append(person, unsubscribe("unsubscribe-7-a", "a later click")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("id"));
            assertThatThrownBy(() -> s.grouped().append(999_999, unsubscribe("unsubscribe-7-b", "nobody")))
                    .isInstanceOf(UnknownContactException.class);
            assertThat(s.grouped().append(person, unsubscribe("unsubscribe-8-a", "next campaign")).created()).isTrue();
        } finally {
            s.grouped().stop();
        }
        assertThat(s.ledger().recordsOf(s.people().getFirst())).hasSize(2);
        assertThat(s.ledger().verify().intact()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void whenNotRunningTheCallerAppendsInItsOwnTransaction(TestDatabase database) {
        Setup s = setup(database.fresh(), 1);
        assertThat(s.grouped().isRunning()).isFalse();
        assertThat(s.grouped().append(s.people().getFirst(), unsubscribe("unsubscribe-9-a", "before start")).created()).isTrue();
        assertThat(s.announced()).hasSize(1);
    }
}
