package nl.mailwijs.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import nl.mailwijs.suppressions.BounceKind;
import nl.mailwijs.suppressions.SuppressionReason;
import nl.mailwijs.suppressions.Suppressions;
import nl.mailwijs.testing.TestDatabase;

/** What the outbox sender tells the suppression list after a chunk, and asks of it before one; on H2 and PostgreSQL. */
class ReturnChannelTests {

    private static Suppressions suppressions(TestDatabase database) {
        DataSource dataSource = database.fresh();
        return new Suppressions(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource), Clock.systemUTC(), 2,
                Duration.ofDays(30));
    }

    private static OutboxRow row(long id, String address) {
        return new OutboxRow(id, 9, id, address, "00000000000000000000000000000000", 1, 1L);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aRefusalOfTheAddressWhileSendingSuppressesItAndARefusalOfTheMessageIsOnlyCounted(TestDatabase database) {
        Suppressions suppressions = suppressions(database);
        ReturnChannel returns = new ReturnChannel(suppressions, Clock.systemUTC(), false, "");
        List<OutboxRow> rows = List.of(row(1, "unknown@example.nl"), row(2, "spamfilter@example.nl"), row(3, "broken@example.nl"),
                row(4, "full@example.nl"), row(5, "later@example.nl"), row(6, "fine@example.nl"));

        returns.recordBounces(rows, List.of(
                new Outbox.Failed(1, 550, "550 5.1.1 <unknown@example.nl>: Recipient address rejected: User unknown"),
                new Outbox.Failed(2, 554, "554 5.7.1 Message rejected as spam"),
                new Outbox.Failed(3, 0, "not sent: a merge value with a line break"),
                new Outbox.Deferred(4, Outbox.MAX_ATTEMPTS, 452, "452 4.2.2 Mailbox full"),
                new Outbox.Deferred(5, 2, 451, "451 4.7.1 try again later"),
                new Outbox.Sent(6, "<m@x>", 250, "250 ok")));

        assertThat(suppressions.inForce("unknown@example.nl")).hasValueSatisfying(suppression -> {
            assertThat(suppression.reason()).isEqualTo(SuppressionReason.REJECTED_AT_SEND);
            assertThat(suppression.status()).isEqualTo("5.1.1");
            assertThat(suppression.outboxId()).isEqualTo(1L);
            assertThat(suppression.campaignId()).isEqualTo(9L);
        });
        assertThat(suppressions.inForce("spamfilter@example.nl")).as("refused for its content: counted, not suppressed").isEmpty();
        assertThat(suppressions.bounces("spamfilter@example.nl", 0, 10)).singleElement()
                .satisfies(bounce -> assertThat(bounce.kind()).isEqualTo(BounceKind.REFUSED));
        assertThat(suppressions.bounces("full@example.nl", 0, 10)).singleElement().satisfies(bounce -> {
            assertThat(bounce.kind()).isEqualTo(BounceKind.SOFT);
            assertThat(bounce.diagnostic()).startsWith("gave up after 8 attempts");
        });
        assertThat(suppressions.countBounces("broken@example.nl")).as("never reached a server").isZero();
        assertThat(suppressions.countBounces("later@example.nl")).as("still being tried").isZero();
        assertThat(suppressions.countBounces("fine@example.nl")).isZero();

        assertThat(returns.suppressed(rows)).containsOnlyKeys(1L).hasEntrySatisfying(1L, reason ->
                assertThat(reason).startsWith("address suppressed since").contains("REJECTED_AT_SEND 5.1.1"));
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void theMailtoIsOfferedOnlyWhileAnInboundMailboxReadsIt(TestDatabase database) {
        Suppressions suppressions = suppressions(database);
        assertThat(new ReturnChannel(suppressions, Clock.systemUTC(), false, "").unsubscribeMailto("tok", "nieuws@example.nl")).isNull();
        assertThat(new ReturnChannel(suppressions, Clock.systemUTC(), true, "").unsubscribeMailto("tok", "nieuws@Bücher.example"))
                .isEqualTo("mailto:bounce+unsubscribe.tok@xn--bcher-kva.example?subject=unsubscribe");
        assertThat(new ReturnChannel(suppressions, Clock.systemUTC(), false, "imap.example.nl").unsubscribeMailto("tok", "nieuws@example.nl"))
                .isEqualTo("mailto:bounce+unsubscribe.tok@example.nl?subject=unsubscribe");
    }
}
