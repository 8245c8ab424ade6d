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
            outboxRows.add(new Object[] {campaign, (long) i, "klant" + i + "@example.nl", outbox.newKeyForTests(), "QUEUED", 0, null, now});
        }
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(status -> {
            bulk.insert("outbox", List.of("campaign_id", "contact_id", "address", "token", "state", "attempts", "next_attempt_at", "updated_at"),
                    outboxRows);
            outbox.formBatches(campaign, now);
        });
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
                    f.outbox().complete(worker, rows, rows.stream().<Outbox.Outcome>map(row -> new Outbox.Sent(row.id(), "<m" + row.id() + "@x>", 250, "ok")).toList());
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
        f.outbox().complete("w", first, List.of(new Outbox.Deferred(first.get(0).id(), 1, 451, "try later"),
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

        f.jdbc().sql("UPDATE outbox_batch SET lease_until = :past").param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1)).update();

        List<OutboxRow> taken = f.outbox().claim("other", 10);
        assertThat(taken).extracting(OutboxRow::id).containsExactlyElementsOf(lost.stream().map(OutboxRow::id).toList());

        // The first worker was only slow: it may no longer send these rows, nor record an outcome for them.
        assertThat(f.outbox().renew("died", lost)).isEmpty();
        f.outbox().complete("died", lost, List.of(new Outbox.Failed(lost.get(0).id(), 550, "late")));
        // Recording with the time of its claim, long past half its lease: the database is asked, and says no.
        f.outbox().complete("died", lost, List.of(new Outbox.Failed(lost.get(1).id(), 550, "late")), java.util.Set.of(),
                System.nanoTime() - Duration.ofDays(1).toNanos());
        assertThat(f.outbox().renew("other", taken)).hasSize(2);
        f.outbox().complete("other", taken, List.of(new Outbox.Sent(taken.get(0).id(), "<m@x>", 250, "ok")));
        // Just claimed (within half the lease): recorded without asking.
        f.outbox().complete("other", taken, List.of(new Outbox.Sent(taken.get(1).id(), "<m2@x>", 250, "ok")), java.util.Set.of(),
                System.nanoTime());
        CampaignProgress progress = f.outbox().progress(f.campaign());
        assertThat(progress.sent()).isEqualTo(2);
        assertThat(progress.failed()).isZero();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aClaimIsHeldWithoutAskingTheDatabaseInTheFirstHalfOfItsLeaseAndCheckedAfterThat(TestDatabase database) {
        Fixture f = fixture(database, 2);
        long claimedAt = System.nanoTime();
        List<OutboxRow> mine = f.outbox().claim("slow", 10);
        f.jdbc().sql("UPDATE outbox_batch SET lease_until = :past").param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1)).update();
        List<OutboxRow> taken = f.outbox().claim("other", 10);
        assertThat(taken).hasSize(2);

        // Within half the lease nobody else can hold the rows, so the worker does not ask (here the lease was forced out).
        assertThat(f.outbox().held("slow", mine, claimedAt)).hasSize(2);
        // Past half the lease it asks, and learns the rows went to another worker.
        long longAgo = claimedAt - Duration.ofMinutes(3).toNanos();
        assertThat(f.outbox().held("slow", mine, longAgo)).isEmpty();
        assertThat(f.outbox().held("other", taken, longAgo)).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aBatchRecordedChunkByChunkIsDoneWithItsLastChunk(TestDatabase database) {
        Fixture f = fixture(database, 100);
        List<OutboxRow> claimed = f.outbox().claim("w", 100);
        assertThat(claimed).hasSize(100);
        long batch = claimed.getFirst().batchId();
        List<OutboxRow> first = claimed.subList(0, 60);
        List<OutboxRow> last = claimed.subList(60, 100);

        f.outbox().complete("w", first, sent(first), java.util.Set.of());
        assertThat(batchState(f, batch)).as("rows still on their way").isEqualTo("CLAIMED");
        f.outbox().complete("w", last, sent(last), java.util.Set.of(batch));
        assertThat(batchState(f, batch)).isEqualTo("DONE");
        f.outbox().finishIfDone(f.campaign());
        assertThat(f.outbox().progress(f.campaign()).sent()).isEqualTo(100);
    }

    private static List<Outbox.Outcome> sent(List<OutboxRow> rows) {
        return rows.stream().<Outbox.Outcome>map(row -> new Outbox.Sent(row.id(), "<m" + row.id() + "@x>", 250, "ok")).toList();
    }

    private static String batchState(Fixture f, long batch) {
        return f.jdbc().sql("SELECT state FROM outbox_batch WHERE id = :id").param("id", batch).query(String.class).single();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void cancellingLeavesTheRowsOfAClaimedBatchToTheirWorkerAndCancelsTheRest(TestDatabase database) {
        Fixture f = fixture(database, 150);
        List<OutboxRow> inHand = f.outbox().claim("w", 100);
        assertThat(inHand).hasSize(100).allSatisfy(row -> assertThat(row.batchId()).isNotNull());
        assertThat(f.outbox().progress(f.campaign()).sending()).isEqualTo(100);

        f.outbox().cancel(f.campaign());
        f.outbox().complete("w", inHand, inHand.stream().<Outbox.Outcome>map(row -> new Outbox.Sent(row.id(), "<m" + row.id() + "@x>", 250, "ok")).toList());

        CampaignProgress progress = f.outbox().progress(f.campaign());
        assertThat(progress.sent()).as("what was on its way is recorded as sent").isEqualTo(100);
        assertThat(progress.cancelled()).isEqualTo(50);
        assertThat(progress.queued()).isZero();
        assertThat(progress.sending()).isZero();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void cancellingAlsoCancelsTheRowsOfABatchWhoseWorkerDied(TestDatabase database) {
        Fixture f = fixture(database, 150);
        assertThat(f.outbox().claim("died", 100)).hasSize(100);
        f.jdbc().sql("UPDATE outbox_batch SET lease_until = :past WHERE state = 'CLAIMED'")
                .param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1)).update();

        f.outbox().cancel(f.campaign());

        CampaignProgress progress = f.outbox().progress(f.campaign());
        assertThat(progress.cancelled()).isEqualTo(150);
        assertThat(progress.sending()).isZero();
        assertThat(f.jdbc().sql("SELECT COUNT(*) FROM outbox_batch WHERE state <> 'DONE'").query(Long.class).single()).isZero();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aBatchWhoseWorkerDiedAfterRecordingEveryOutcomeIsDoneWhenClaimedAgain(TestDatabase database) {
        Fixture f = fixture(database, 4);
        List<OutboxRow> rows = f.outbox().claim("died", 10);
        // The outcomes are recorded, but the worker died before the batch was marked done.
        f.jdbc().sql("UPDATE outbox SET state = 'SENT'").update();
        f.jdbc().sql("UPDATE outbox_batch SET lease_until = :past").param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1)).update();

        assertThat(f.outbox().claim("other", 10)).isEmpty();
        f.outbox().finishIfDone(f.campaign());
        assertThat(f.outbox().progress(f.campaign()).state()).isEqualTo(CampaignState.SENT);
        assertThat(rows).hasSize(4);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aRetryWhoseWorkerDiedComesDueAgainWhenItsLeaseRunsOut(TestDatabase database) {
        Fixture f = fixture(database, 1);
        List<OutboxRow> first = f.outbox().claim("w", 10);
        f.outbox().complete("w", first, List.of(new Outbox.Deferred(first.get(0).id(), 1, 421, "busy")));
        f.jdbc().sql("UPDATE outbox SET next_attempt_at = :past").param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1)).update();
        List<OutboxRow> retry = f.outbox().claim("died", 10);
        assertThat(retry).singleElement().satisfies(row -> assertThat(row.batchId()).isNull());
        assertThat(f.outbox().claim("other", 10)).as("leased").isEmpty();

        f.jdbc().sql("UPDATE outbox SET next_attempt_at = :past").param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1)).update();
        List<OutboxRow> taken = f.outbox().claim("other", 10);
        assertThat(taken).singleElement().satisfies(row -> assertThat(row.attempts()).isEqualTo(2));
        f.outbox().complete("died", retry, List.of(new Outbox.Failed(retry.get(0).id(), 550, "late")));
        f.outbox().complete("other", taken, List.of(new Outbox.Sent(taken.get(0).id(), "<m@x>", 250, "ok")));

        CampaignProgress progress = f.outbox().progress(f.campaign());
        assertThat(progress.sent()).isEqualTo(1);
        assertThat(progress.failed()).isZero();
        f.outbox().finishIfDone(f.campaign());
        assertThat(f.outbox().progress(f.campaign()).state()).isEqualTo(CampaignState.SENT);
    }

    /**
     * The outcome of a queued row changes none of the columns an index of the outbox covers, so
     * PostgreSQL writes it in place (a heap-only tuple) instead of a new entry in every index: an
     * index on the state (or any column the outcome writes) would double the database's work per message.
     */
    @org.junit.jupiter.api.Test
    void noIndexOfTheOutboxCoversAColumnThatTheOutcomeOfAQueuedRowWrites() {
        DataSource dataSource = TestDatabase.POSTGRESQL.fresh();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        List<String> indexed = jdbc.sql("""
                SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                 WHERE i.indrelid = 'outbox'::regclass""").query(String.class).list();
        List<String> inPredicates = jdbc.sql("""
                SELECT COALESCE(pg_get_expr(i.indpred, i.indrelid), '') || ' ' || COALESCE(pg_get_expr(i.indexprs, i.indrelid), '')
                  FROM pg_index i WHERE i.indrelid = 'outbox'::regclass""").query(String.class).list();
        List<String> written = List.of("state", "message_id", "reply_code", "reply_text", "sent_at", "attempts", "claimed_by", "lease_until",
                "updated_at");
        assertThat(indexed).isNotEmpty().doesNotContainAnyElementsOf(written);
        assertThat(inPredicates).allSatisfy(text -> assertThat(written).noneMatch(column -> text.matches("(?s).*\\b" + column + "\\b.*")));
        assertThat(jdbc.sql("SELECT reloptions::text FROM pg_class WHERE oid = 'outbox'::regclass").query(String.class).single())
                .contains("fillfactor=50");
    }
}
