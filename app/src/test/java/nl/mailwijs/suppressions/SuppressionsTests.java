package nl.mailwijs.suppressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.testing.MovingClock;
import nl.mailwijs.testing.TestDatabase;

/** Bounces and suppressions on H2 and PostgreSQL. */
class SuppressionsTests {

    private record Fixture(JdbcClient jdbc, Suppressions suppressions, MovingClock clock) {
    }

    private static Fixture fixture(TestDatabase database, int softLimit) {
        DataSource dataSource = database.fresh();
        MovingClock clock = new MovingClock(Instant.parse("2026-11-23T10:00:00Z"));
        JdbcClient jdbc = JdbcClient.create(dataSource);
        return new Fixture(jdbc, new Suppressions(jdbc, new DataSourceTransactionManager(dataSource), clock, softLimit, Duration.ofDays(30)),
                clock);
    }

    private static Bounce bounce(String address, BounceKind kind, long outboxId, Instant at) {
        return new Bounce(address, kind, BounceSource.REPORT, kind == BounceKind.HARD ? "5.1.1" : "4.2.2", "diagnostic", at, 7L, outboxId, 3L);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aHardBounceSuppressesTheAddressAtOnceAndOnlyOnce(TestDatabase database) {
        Fixture f = fixture(database, 5);
        BounceOutcome first = f.suppressions().record(bounce("Jan.Jansen@Example.com", BounceKind.HARD, 1, f.clock().instant()));
        assertThat(first.newlySuppressed()).isTrue();
        assertThat(first.suppression()).satisfies(suppression -> {
            assertThat(suppression.address()).isEqualTo("Jan.Jansen@Example.com");
            assertThat(suppression.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE);
            assertThat(suppression.scope()).isEqualTo(Suppression.ALL_MESSAGES);
            assertThat(suppression.status()).isEqualTo("5.1.1");
            assertThat(suppression.inboundMessageId()).isEqualTo(7L);
            assertThat(suppression.bounceId()).isEqualTo(first.bounceId());
            assertThat(suppression.inForce()).isTrue();
        });
        BounceOutcome again = f.suppressions().record(bounce("jan.jansen@example.com", BounceKind.HARD, 2, f.clock().instant()));
        assertThat(again.newlySuppressed()).isFalse();
        assertThat(again.suppression().id()).isEqualTo(first.suppression().id());

        assertThat(f.suppressions().inForce("JAN.JANSEN@EXAMPLE.COM")).isPresent();
        assertThat(f.suppressions().inForce("piet@example.com")).isEmpty();
        assertThat(f.suppressions().list(null, false, 0, 10)).hasSize(1);
        assertThat(f.suppressions().bounces("jan.jansen@example.com", 0, 10)).hasSize(2);
        assertThat(f.suppressions().inForceAmong(List.of("jan.jansen@example.com", "piet@example.com")))
                .containsOnlyKeys("jan.jansen@example.com");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aRejectionWhileSendingSuppressesWithItsOwnReason(TestDatabase database) {
        Fixture f = fixture(database, 5);
        BounceOutcome outcome = f.suppressions().record(new Bounce("zoe@bücher.example", BounceKind.HARD, BounceSource.SMTP_REPLY, "5.1.1",
                "550 5.1.1 no such user", f.clock().instant(), null, 12L, 3L));
        assertThat(outcome.suppression().reason()).isEqualTo(SuppressionReason.REJECTED_AT_SEND);
        assertThat(outcome.suppression().inboundMessageId()).isNull();
        assertThat(f.suppressions().inForce("zoe@xn--bcher-kva.example")).as("the A-label is the same address").isPresent();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void softBouncesOfDifferentMessagesWithinTheWindowSuppressAtTheLimit(TestDatabase database) {
        Fixture f = fixture(database, 3);
        Instant start = f.clock().instant();
        BounceOutcome delayed = f.suppressions().record(bounce("anouk@example.org", BounceKind.SOFT, 1, start));
        BounceOutcome delayedAgain = f.suppressions().record(bounce("anouk@example.org", BounceKind.SOFT, 1, start));
        assertThat(delayedAgain.softInWindow()).as("one message delayed twice is one soft bounce").isEqualTo(1);
        assertThat(delayed.suppression()).isNull();
        f.clock().advance(Duration.ofDays(10));
        BounceOutcome refused = f.suppressions().record(bounce("anouk@example.org", BounceKind.REFUSED, 2, f.clock().instant()));
        assertThat(refused.softInWindow()).isEqualTo(2);
        assertThat(refused.suppression()).isNull();
        f.clock().advance(Duration.ofDays(25));
        BounceOutcome third = f.suppressions().record(bounce("anouk@example.org", BounceKind.SOFT, 3, f.clock().instant()));
        assertThat(third.softInWindow()).as("the first is older than 30 days").isEqualTo(2);
        assertThat(third.suppression()).isNull();
        f.clock().advance(Duration.ofDays(1));
        BounceOutcome fourth = f.suppressions().record(bounce("anouk@example.org", BounceKind.SOFT, 4, f.clock().instant()));
        assertThat(fourth.softInWindow()).isEqualTo(3);
        assertThat(fourth.newlySuppressed()).isTrue();
        assertThat(fourth.suppression().reason()).isEqualTo(SuppressionReason.SOFT_BOUNCES);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void liftingKeepsTheRowAndSoftBouncesBeforeItNoLongerCount(TestDatabase database) {
        Fixture f = fixture(database, 2);
        f.suppressions().record(bounce("anouk@example.org", BounceKind.SOFT, 1, f.clock().instant()));
        Suppression suppressed = f.suppressions().record(bounce("anouk@example.org", BounceKind.SOFT, 2, f.clock().instant())).suppression();
        assertThat(suppressed).isNotNull();
        f.clock().advance(Duration.ofMinutes(1));

        Suppression lifted = f.suppressions().lift(suppressed.id(), "marketing", "the customer phoned: mailbox fixed");
        assertThat(lifted.inForce()).isFalse();
        assertThat(lifted.liftedBy()).isEqualTo("marketing");
        assertThat(lifted.liftNote()).isEqualTo("the customer phoned: mailbox fixed");
        assertThat(f.suppressions().inForce("anouk@example.org")).isEmpty();
        assertThat(f.suppressions().list("anouk@example.org", false, 0, 10)).isEmpty();
        assertThat(f.suppressions().list("anouk@example.org", true, 0, 10)).extracting(Suppression::id).containsExactly(suppressed.id());
        assertThatThrownBy(() -> f.suppressions().lift(suppressed.id(), "marketing", null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("already lifted");
        assertThatThrownBy(() -> f.suppressions().lift(999_999, "marketing", null)).isInstanceOf(UnknownSuppressionException.class);

        f.clock().advance(Duration.ofMinutes(1));
        BounceOutcome next = f.suppressions().record(bounce("anouk@example.org", BounceKind.SOFT, 3, f.clock().instant()));
        assertThat(next.softInWindow()).as("only bounces after the lift count").isEqualTo(1);
        assertThat(next.suppression()).isNull();
        BounceOutcome hard = f.suppressions().record(bounce("anouk@example.org", BounceKind.HARD, 4, f.clock().instant()));
        assertThat(hard.newlySuppressed()).as("suppressed again: a new row").isTrue();
        assertThat(hard.suppression().id()).isNotEqualTo(suppressed.id());
        assertThat(f.suppressions().count("anouk@example.org", true)).isEqualTo(2);
        assertThat(f.suppressions().allInForce()).containsOnlyKeys("anouk@example.org");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void manyHardBouncesOfOneAddressAtOnceLeaveOneSuppressionInForce(TestDatabase database) throws Exception {
        Fixture f = fixture(database, 5);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<BounceOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long outboxId = i;
            outcomes.add(threads.submit(() -> f.suppressions().record(bounce("jan@example.nl", BounceKind.HARD, outboxId, f.clock().instant()))));
        }
        long created = 0;
        for (Future<BounceOutcome> outcome : outcomes) {
            BounceOutcome done = outcome.get(60, TimeUnit.SECONDS);
            assertThat(done.suppression()).isNotNull();
            created += done.newlySuppressed() ? 1 : 0;
        }
        threads.shutdown();
        assertThat(created).isEqualTo(1);
        assertThat(f.suppressions().count("jan@example.nl", true)).isEqualTo(1);
        assertThat(f.suppressions().countBounces("jan@example.nl")).isEqualTo(8);
    }

    @Test
    void anAddressIsComparedAsContactsCompareIt() {
        assertThat(Suppressions.addressKey("Anna@Example.NL")).contains("anna@example.nl");
        assertThat(Suppressions.addressKey("anna+nieuws@example.nl")).contains("anna+nieuws@example.nl");
        assertThat(Suppressions.addressKey("zoe@Bücher.example")).contains("zoe@xn--bcher-kva.example");
        assertThat(Suppressions.addressKey("not an address")).isEmpty();
        assertThat(Suppressions.addressKey(null)).isEmpty();
        assertThatThrownBy(() -> fixture(TestDatabase.H2, 5).suppressions().list("nonsense", false, 0, 10))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("address");
    }
}
