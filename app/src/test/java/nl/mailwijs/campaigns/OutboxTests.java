package nl.mailwijs.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import nl.mailwijs.content.MessageComposer;
import nl.mailwijs.platform.BulkWrites;
import nl.mailwijs.platform.ServerSecrets;
import nl.mailwijs.testing.TestDatabase;

/** The outbox on H2 and PostgreSQL: claimed by several workers at once, every row goes to exactly one. */
class OutboxTests {

    private static final Clock CLOCK = Clock.systemUTC();

    private record Fixture(JdbcClient jdbc, Outbox outbox, long campaign) {
    }

    private static Fixture fixture(TestDatabase database, int rows) {
        DataSource dataSource = database.fresh();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        var transactions = new DataSourceTransactionManager(dataSource);
        BulkWrites bulk = new BulkWrites(dataSource);
        Campaigns campaigns = new Campaigns(jdbc, CLOCK, new MessageComposer());
        Outbox outbox = new Outbox(jdbc, new JdbcTemplate(dataSource), transactions, campaigns, bulk, CLOCK, new ServerSecrets(jdbc, CLOCK));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO campaign (name, state, version, purpose, topics, contains_promotion, from_address, subject, body_format, body,
                                      language, created_at, updated_at)
                VALUES ('test', 'SENDING', 1, 'COMMERCIAL', '[]', TRUE, 'nieuws@example.nl', 'Hallo', 'MARKDOWN', 'Hallo', 'NL', :now, :now)""")
                .param("now", now).update();
        long campaign = jdbc.sql("SELECT MAX(id) FROM campaign").query(Long.class).single();
        List<Object[]> outboxRows = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            outboxRows.add(new Object[] {campaign, (long) i, "klant" + i + "@example.nl", outbox.newKeyForTests(), "QUEUED", 0, now, now});
        }
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(status -> bulk.insert("outbox",
                List.of("campaign_id", "contact_id", "address", "token", "state", "attempts", "next_attempt_at", "updated_at"), outboxRows));
        return new Fixture(jdbc, outbox, campaign);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void fourWorkersClaimingAtOnceNeverGetTheSameRow(TestDatabase database) throws Exception {
        Fixture f = fixture(database, 600);
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        ConcurrentHashMap<String, Integer> perWorker = new ConcurrentHashMap<>();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String worker = "worker-" + w;
            done.add(workers.submit(() -> {
                for (int round = 0; round < 200; round++) {
                    List<OutboxRow> rows = f.outbox().claim(worker, 25);
                    if (rows.isEmpty()) {
                        return;
                    }
                    rows.forEach(row -> claimed.add(row.id()));
                    perWorker.merge(worker, rows.size(), Integer::sum);
                    f.outbox().complete(worker, rows.stream().<Outbox.Outcome>map(row -> new Outbox.Sent(row.id(), "<m" + row.id() + "@x>", 250, "ok")).toList());
                }
            }));
        }
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        workers.shutdown();

        assertThat(claimed).hasSize(600).doesNotHaveDuplicates();
        assertThat(f.outbox().progress(f.campaign()).sent()).isEqualTo(600);
        f.outbox().finishIfDone(f.campaign());
        assertThat(f.outbox().progress(f.campaign()).state()).isEqualTo(CampaignState.SENT);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aDeferredMessageWaitsItsBackOffAndAPausedCampaignIsNotClaimed(TestDatabase database) {
        Fixture f = fixture(database, 3);
        List<OutboxRow> first = f.outbox().claim("w", 10);
        assertThat(first).hasSize(3).allSatisfy(row -> assertThat(row.attempts()).isEqualTo(1));
        f.outbox().complete("w", List.of(new Outbox.Deferred(first.get(0).id(), 1, 451, "try later"),
                new Outbox.Failed(first.get(1).id(), 550, "no such user"),
                new Outbox.Sent(first.get(2).id(), "<m@x>", 250, "ok")));

        assertThat(f.outbox().claim("w", 10)).as("deferred for a minute").isEmpty();
        f.jdbc().sql("UPDATE outbox SET next_attempt_at = :past WHERE id = :id")
                .param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1)).param("id", first.get(0).id()).update();
        f.outbox().pause(f.campaign());
        assertThat(f.outbox().claim("w", 10)).as("paused").isEmpty();
        f.outbox().resume(f.campaign());
        List<OutboxRow> again = f.outbox().claim("w", 10);
        assertThat(again).singleElement().satisfies(row -> assertThat(row.attempts()).isEqualTo(2));

        CampaignProgress progress = f.outbox().progress(f.campaign());
        assertThat(progress.sending()).isEqualTo(1);
        assertThat(progress.failed()).isEqualTo(1);
        assertThat(progress.sent()).isEqualTo(1);
        assertThat(Outbox.backOff(Duration.ofMinutes(1), 1)).hasMinutes(1);
        assertThat(Outbox.backOff(Duration.ofMinutes(1), 4)).hasMinutes(8);
        assertThat(Outbox.backOff(Duration.ofMinutes(1), 20)).hasMinutes(60);
        assertThat(Outbox.backOff(Duration.ofSeconds(1), 3)).hasSeconds(4);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aClaimWhoseWorkerDiedIsClaimedAgainWhenItsLeaseRunsOutAndTheOldWorkerLetsGo(TestDatabase database) {
        Fixture f = fixture(database, 2);
        List<OutboxRow> lost = f.outbox().claim("died", 10);
        assertThat(f.outbox().claim("other", 10)).isEmpty();

        f.jdbc().sql("UPDATE outbox SET lease_until = :past").param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1)).update();

        List<OutboxRow> taken = f.outbox().claim("other", 10);
        assertThat(taken).extracting(OutboxRow::id).containsExactlyElementsOf(lost.stream().map(OutboxRow::id).toList());

        // The first worker was only slow: it may no longer send these rows, nor record an outcome for them.
        assertThat(f.outbox().renew("died", lost)).isEmpty();
        f.outbox().complete("died", List.of(new Outbox.Failed(lost.get(0).id(), 550, "late")));
        assertThat(f.outbox().renew("other", taken)).hasSize(2);
        f.outbox().complete("other", List.of(new Outbox.Sent(taken.get(0).id(), "<m@x>", 250, "ok")));
        CampaignProgress progress = f.outbox().progress(f.campaign());
        assertThat(progress.sent()).isEqualTo(1);
        assertThat(progress.failed()).isZero();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aClaimIsHeldWithoutAskingTheDatabaseInTheFirstHalfOfItsLeaseAndCheckedAfterThat(TestDatabase database) {
        Fixture f = fixture(database, 2);
        long claimedAt = System.nanoTime();
        List<OutboxRow> mine = f.outbox().claim("slow", 10);
        f.jdbc().sql("UPDATE outbox SET lease_until = :past").param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1)).update();
        List<OutboxRow> taken = f.outbox().claim("other", 10);
        assertThat(taken).hasSize(2);

        // Within half the lease nobody else can hold the rows, so the worker does not ask (here the lease was forced out).
        assertThat(f.outbox().held("slow", mine, claimedAt)).hasSize(2);
        // Past half the lease it asks, and learns the rows went to another worker.
        long longAgo = claimedAt - Duration.ofMinutes(3).toNanos();
        assertThat(f.outbox().held("slow", mine, longAgo)).isEmpty();
        assertThat(f.outbox().held("other", taken, longAgo)).hasSize(2);
    }
}
