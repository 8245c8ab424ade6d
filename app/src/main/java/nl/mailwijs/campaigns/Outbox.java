package nl.mailwijs.campaigns;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.mailwijs.campaigns.internal.CampaignsSql;
import nl.mailwijs.delivery.UnsubscribeTokens;
import nl.mailwijs.platform.BulkWrites;
import nl.mailwijs.platform.ServerSecrets;

/**
 * The durable outbox: one row per allowed recipient of a campaign that is sent. Queuing is one
 * transaction (all recipients or none); workers claim due rows with {@code FOR UPDATE SKIP
 * LOCKED} and a lease, so any number of processes on one database share the work and a worker
 * that dies leaves its rows to be claimed again when the lease runs out. A message that was on
 * the wire when its worker died may then go out twice; nothing is lost.
 */
@Service
public class Outbox {

    /** Attempts before a temporary failure counts as final. */
    public static final int MAX_ATTEMPTS = 8;
    private static final int QUEUE_PAGE = 10_000;
    private static final List<String> OUTBOX_COLUMNS =
            List.of("campaign_id", "contact_id", "address", "token", "state", "attempts", "next_attempt_at", "updated_at");

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transaction;
    private final Campaigns campaigns;
    private final BulkWrites bulk;
    private final Clock clock;
    private final UnsubscribeTokens tokens;
    private final Duration lease;
    private final Duration firstRetry;
    private final int batchRows;

    /**
     * With the default lease of five minutes (longer than any batch takes, short enough to recover
     * from a dead worker soon) and a first retry after a minute.
     */
    public Outbox(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions, Campaigns campaigns, BulkWrites bulk,
                  Clock clock, ServerSecrets secrets) {
        this(jdbc, batch, transactions, campaigns, bulk, clock, secrets, Duration.ofMinutes(5), Duration.ofMinutes(1), 100);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public Outbox(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions, Campaigns campaigns, BulkWrites bulk,
                  Clock clock, ServerSecrets secrets,
                  @org.springframework.beans.factory.annotation.Value("${mailwijs.sending.lease:5m}") Duration lease,
                  @org.springframework.beans.factory.annotation.Value("${mailwijs.sending.first-retry:1m}") Duration firstRetry,
                  @org.springframework.beans.factory.annotation.Value("${mailwijs.sending.batch-size:100}") int batchRows) {
        if (firstRetry.isNegative() || firstRetry.isZero()) {
            throw new IllegalArgumentException("mailwijs.sending.first-retry must be positive, not " + firstRetry);
        }
        if (batchRows < 1) {
            throw new IllegalArgumentException("mailwijs.sending.batch-size must be at least 1, not " + batchRows);
        }
        this.batchRows = batchRows;
        this.lease = lease;
        this.firstRetry = firstRetry;
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = new TransactionTemplate(transactions);
        this.campaigns = campaigns;
        this.bulk = bulk;
        this.clock = clock;
        this.tokens = new UnsubscribeTokens(secrets.secret("unsubscribe-token"));
    }

    /** A fresh row key, for tests that fill the outbox themselves. */
    String newKeyForTests() {
        return tokens.newKey();
    }

    /** The recipient's token for links and the return path, made from the row's key. */
    public String token(String key) {
        return tokens.token(key);
    }

    /** The row key a token was made from; empty for a forged or altered token. */
    public java.util.Optional<String> keyOf(String token) {
        return tokens.verify(token);
    }

    /**
     * Queues every recipient the campaign's pre-flight allowed, and starts sending. The
     * pre-flight must be of the current version; the content must have passed its check.
     *
     * @return how many messages were queued
     */
    public long queue(long campaignId, Preflight preflight) {
        long queued = queueInOneTransaction(campaignId, preflight);
        // Without statistics PostgreSQL guesses that "waiting for a retry" (next_attempt_at IS NOT NULL)
        // holds for a third of the rows, and read the whole outbox once per batch to find none.
        bulk.refreshStatistics(List.of("outbox", "outbox_batch"));
        return queued;
    }

    private long queueInOneTransaction(long campaignId, Preflight preflight) {
        return transaction.execute(status -> {
            // Locked, so two requests to send one campaign queue it once.
            jdbc.sql(CampaignsSql.LOCK_CAMPAIGN).param("id", campaignId).query(Long.class).optional()
                    .orElseThrow(() -> new UnknownCampaignException("there is no campaign " + campaignId));
            Campaign campaign = campaigns.require(campaignId);
            if (campaign.state() != CampaignState.DRAFT) {
                throw new CampaignStateException(CampaignProblem.NOT_A_DRAFT, "campaign " + campaignId + " is " + campaign.state()
                        + "; only a draft can be sent", campaign.state());
            }
            PreflightReport report = preflight.lastReport(campaignId).orElseThrow(() -> new CampaignStateException(CampaignProblem.NO_PREFLIGHT,
                    "campaign " + campaignId + " version " + campaign.version() + " has no pre-flight: POST /api/v1/campaigns/"
                            + campaignId + "/preflight first, and read who may be mailed"));
            if (!report.contentPassed()) {
                throw new CampaignStateException(CampaignProblem.CONTENT_FAILED, "campaign " + campaignId
                        + " cannot be sent: its content lacks what the law asks: "
                        + String.join("; ", report.contentFindings()));
            }
            OffsetDateTime now = now();
            long queued = 0;
            long after = 0;
            while (true) {
                List<Object[]> rows = new ArrayList<>();
                long[] last = {after};
                jdbc.sql(CampaignsSql.ALLOWED_DECISIONS).param("id", campaignId).param("version", campaign.version())
                        .param("after", after).param("limit", QUEUE_PAGE)
                        .query(row -> {
                            last[0] = row.getLong("contact_id");
                            rows.add(new Object[] {campaignId, last[0], row.getString("address"), tokens.newKey(), "QUEUED", 0, null, now});
                        });
                if (rows.isEmpty()) {
                    break;
                }
                bulk.insert("outbox", OUTBOX_COLUMNS, rows);
                queued += rows.size();
                after = last[0];
            }
            formBatches(campaignId, now);
            jdbc.sql(CampaignsSql.SET_STATE).param("id", campaignId).param("state", CampaignState.SENDING.name()).param("now", now).update();
            return queued;
        });
    }

    /** Who a message went to: the row a recipient's token names. */
    public record Recipient(long rowId, long campaignId, long contactId, String address) {
    }

    /** The recipient of a token from a link or a bounce; empty for a forged or altered token, or one of no message. */
    public java.util.Optional<Recipient> recipientOf(String token) {
        return keyOf(token).flatMap(key -> jdbc.sql(CampaignsSql.ROW_BY_TOKEN).param("key", key)
                .query((row, n) -> new Recipient(row.getLong("id"), row.getLong("campaign_id"), row.getLong("contact_id"), row.getString("address")))
                .optional());
    }

    /**
     * The recipients of many verified token keys ({@link #keyOf}) in one query, by key; a key of
     * no message is absent.
     */
    public Map<String, Recipient> recipientsOfKeys(java.util.Collection<String> keys) {
        Map<String, Recipient> found = new HashMap<>();
        List<String> distinct = keys.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += 1_000) {
            jdbc.sql(CampaignsSql.ROWS_BY_TOKENS).param("keys", distinct.subList(from, Math.min(distinct.size(), from + 1_000)))
                    .query((org.springframework.jdbc.core.RowCallbackHandler) row -> found.put(row.getString("token"),
                            new Recipient(row.getLong("id"), row.getLong("campaign_id"), row.getLong("contact_id"), row.getString("address"))));
        }
        return found;
    }

    /** Cuts the campaign's queued rows into the batches workers claim; part of queuing (and of tests that fill the outbox themselves). */
    void formBatches(long campaignId, OffsetDateTime now) {
        jdbc.sql(CampaignsSql.FORM_BATCHES).param("id", campaignId).param("size", batchRows).param("now", now).update();
    }

    /**
     * Claims due messages for this worker, under a lease: deferred rows due again (up to
     * {@code limit}), then whole batches of queued rows, as many as make up the rest of
     * {@code limit} (at least one batch, so a claim may hold more rows than {@code limit}).
     */
    public List<OutboxRow> claim(String worker, int limit) {
        return transaction.execute(status -> {
            OffsetDateTime now = now();
            List<OutboxRow> rows = new ArrayList<>(claimRetries(worker, now, limit));
            if (rows.size() < limit) {
                int batches = Math.max(1, (limit - rows.size() + batchRows - 1) / batchRows);
                // Expired leases first: a dead worker's messages should not wait behind the whole queue.
                List<Long> claimed = new ArrayList<>();
                List<OutboxRow> taken = claimBatches(CampaignsSql.EXPIRED_BATCHES, now, batches, claimed);
                if (claimed.size() < batches) {
                    taken.addAll(claimBatches(CampaignsSql.CLAIMABLE_BATCHES, now, batches - claimed.size(), claimed));
                }
                if (!claimed.isEmpty()) {
                    jdbc.sql(CampaignsSql.CLAIM_BATCHES).param("worker", worker).param("lease", now.plus(lease)).param("now", now)
                            .param("ids", claimed).update();
                    // A batch whose rows were all sent (its worker died after the last outcome) is done at once.
                    for (Long batchId : claimed) {
                        if (taken.stream().noneMatch(row -> batchId.equals(row.batchId()))) {
                            batch.update(CampaignsSql.BATCH_DONE, now, batchId);
                        }
                    }
                }
                rows.addAll(taken);
            }
            return rows;
        });
    }

    private List<OutboxRow> claimRetries(String worker, OffsetDateTime now, int limit) {
        List<OutboxRow> rows = jdbc.sql(CampaignsSql.CLAIMABLE_RETRIES).param("now", now).param("limit", limit)
                .query((row, n) -> outboxRow(row, null)).list();
        if (!rows.isEmpty()) {
            jdbc.sql(CampaignsSql.CLAIM_RETRIES).param("worker", worker).param("lease", now.plus(lease)).param("now", now)
                    .param("ids", rows.stream().map(OutboxRow::id).toList()).update();
        }
        return rows;
    }

    /** The queued rows of up to {@code limit} batches found by {@code sql}; their ids are added to {@code claimed}. */
    private List<OutboxRow> claimBatches(String sql, OffsetDateTime now, int limit, List<Long> claimed) {
        record Batch(long id, long campaignId, long first, long last) {
        }
        List<Batch> batches = jdbc.sql(sql).param("now", now).param("limit", limit)
                .query((row, n) -> new Batch(row.getLong("id"), row.getLong("campaign_id"), row.getLong("first_row_id"), row.getLong("last_row_id")))
                .list();
        List<OutboxRow> rows = new ArrayList<>();
        for (Batch batch : batches) {
            claimed.add(batch.id());
            jdbc.sql(CampaignsSql.ROWS_OF_BATCH).param("first", batch.first()).param("last", batch.last())
                    .query((row, n) -> outboxRow(row, batch.id())).list().stream()
                    .filter(row -> row.campaignId() == batch.campaignId())
                    .forEach(rows::add);
        }
        return rows;
    }

    private static OutboxRow outboxRow(java.sql.ResultSet row, Long batchId) throws java.sql.SQLException {
        return new OutboxRow(row.getLong("id"), row.getLong("campaign_id"), row.getLong("contact_id"), row.getString("address"),
                row.getString("token"), row.getInt("attempts") + 1, batchId);
    }

    /** The final or temporary outcome of one claimed row. */
    public sealed interface Outcome {
        long rowId();
    }

    public record Sent(long rowId, String messageId, int replyCode, String replyText) implements Outcome {
    }

    /** A 4xx or a connection problem: tried again later, with exponential back-off, until MAX_ATTEMPTS. */
    public record Deferred(long rowId, int attempts, int replyCode, String replyText) implements Outcome {
    }

    /** A 5xx for this address, or a message that could not be made for this recipient. */
    public record Failed(long rowId, int replyCode, String replyText) implements Outcome {
    }

    /** The decision at send time was a denial (an objection arrived): not sent, and never will be. */
    public record Stopped(long rowId, String reason) implements Outcome {
    }

    /**
     * The rows of a claim this worker still holds, just before they are sent. Within the first
     * half of the lease they are all still held (only an expired lease is claimed by another
     * worker), so the database is asked only when a batch has taken longer than that: a renewal
     * per chunk was a write and a commit per 20 messages for nothing.
     *
     * @param claimedAt {@link System#nanoTime()} just before the claim
     */
    public List<OutboxRow> held(String worker, List<OutboxRow> rows, long claimedAt) {
        return System.nanoTime() - claimedAt < lease.toNanos() / 2 ? rows : renew(worker, rows);
    }

    /**
     * Extends the lease of these claimed rows (of their batches), just before they are sent, and
     * returns those this worker still holds: a batch whose lease ran out while an earlier chunk was
     * being sent may have been claimed by another worker, and is left to it.
     */
    public List<OutboxRow> renew(String worker, List<OutboxRow> rows) {
        OffsetDateTime now = now();
        java.util.Set<Long> heldBatches = new java.util.HashSet<>();
        for (Long batchId : batchesOf(rows)) {
            if (batch.update(CampaignsSql.RENEW_BATCH, now.plus(lease), now, batchId, worker) > 0) {
                heldBatches.add(batchId);
            }
        }
        List<OutboxRow> held = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            if (row.batchId() != null ? heldBatches.contains(row.batchId())
                    : batch.update(CampaignsSql.RENEW_RETRY, now.plus(lease), now.plus(lease), now, row.id(), worker) > 0) {
                held.add(row);
            }
        }
        return held;
    }

    private static List<Long> batchesOf(List<OutboxRow> rows) {
        return rows.stream().map(OutboxRow::batchId).filter(java.util.Objects::nonNull).distinct().toList();
    }

    /**
     * Records the outcomes of a worker's claimed rows in one transaction, and marks a batch done when
     * no queued row is left in it. The rows of a batch another worker has claimed meanwhile (this
     * one's lease ran out), and a retry another worker took over, keep that worker's record.
     */
    public void complete(String worker, List<OutboxRow> rows, List<Outcome> outcomes) {
        complete(worker, rows, outcomes, java.util.Set.copyOf(batchesOf(rows)));
    }

    /**
     * {@link #complete(String, List, List)} for a worker that records a claim chunk by chunk: only
     * the batches named are checked for being done (those whose last claimed row is in this chunk),
     * so a batch is looked over once, not once per chunk.
     */
    public void complete(String worker, List<OutboxRow> rows, List<Outcome> outcomes, java.util.Set<Long> ending) {
        complete(worker, rows, outcomes, ending, System.nanoTime() - lease.toNanos());
    }

    /**
     * {@link #complete(String, List, List, java.util.Set)} for rows claimed at {@code claimedAt}
     * ({@link System#nanoTime()} just before the claim): within the first half of the lease their
     * batches are still this worker's (see {@link #held}), and the database is not asked again.
     */
    public void complete(String worker, List<OutboxRow> rows, List<Outcome> outcomes, java.util.Set<Long> ending, long claimedAt) {
        if (outcomes.isEmpty()) {
            return;
        }
        Map<Long, OutboxRow> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        OffsetDateTime now = now();
        transaction.executeWithoutResult(status -> {
            List<Long> batches = batchesOf(rows);
            java.util.Set<Long> held = batches.isEmpty() ? java.util.Set.of()
                    : System.nanoTime() - claimedAt < lease.toNanos() / 2 ? java.util.Set.copyOf(batches)
                    : new java.util.HashSet<>(jdbc.sql(CampaignsSql.HELD_BATCHES).param("ids", batches).param("worker", worker).query(Long.class).list());
            List<Object[]> sentOfBatch = new ArrayList<>();
            List<Object[]> sentRetried = new ArrayList<>();
            List<Object[]> notSentOfBatch = new ArrayList<>();
            List<Object[]> notSentRetried = new ArrayList<>();
            for (Outcome outcome : outcomes) {
                OutboxRow row = byId.get(outcome.rowId());
                if (row == null) {
                    throw new IllegalArgumentException("outcome for row " + outcome.rowId() + ", which is not among the rows given");
                }
                boolean ofBatch = row.batchId() != null;
                if (ofBatch && !held.contains(row.batchId())) {
                    continue;
                }
                Object[] values = switch (outcome) {
                    case Sent s -> new Object[] {s.messageId(), s.replyCode(), clip(s.replyText()), now, row.attempts(), worker, now};
                    case Deferred d when d.attempts() >= MAX_ATTEMPTS -> new Object[] {"FAILED", null, d.replyCode(),
                            clip("gave up after " + d.attempts() + " attempts: " + d.replyText()), row.attempts(), worker, now};
                    case Deferred d -> new Object[] {"DEFERRED", now.plus(backOff(firstRetry, d.attempts())), d.replyCode(), clip(d.replyText()),
                            row.attempts(), null, now};
                    case Failed f -> new Object[] {"FAILED", null, f.replyCode(), clip(f.replyText()), row.attempts(), worker, now};
                    case Stopped t -> new Object[] {"STOPPED", null, 0, clip(t.reason()), row.attempts(), worker, now};
                };
                Object[] guarded = ofBatch ? append(values, row.id()) : append(values, row.id(), worker);
                boolean sent = outcome instanceof Sent;
                (sent ? (ofBatch ? sentOfBatch : sentRetried) : (ofBatch ? notSentOfBatch : notSentRetried)).add(guarded);
            }
            update(CampaignsSql.SENT_OF_BATCH, sentOfBatch);
            update(CampaignsSql.SENT_RETRIED, sentRetried);
            update(CampaignsSql.NOT_SENT_OF_BATCH, notSentOfBatch);
            update(CampaignsSql.NOT_SENT_RETRIED, notSentRetried);
            for (Long batchId : held) {
                if (ending.contains(batchId)) {
                    batch.update(CampaignsSql.BATCH_DONE, now, batchId);
                }
            }
        });
    }

    private void update(String sql, List<Object[]> args) {
        if (!args.isEmpty()) {
            batch.batchUpdate(sql, args);
        }
    }

    private static Object[] append(Object[] values, Object... more) {
        Object[] all = Arrays.copyOf(values, values.length + more.length);
        System.arraycopy(more, 0, all, values.length, more.length);
        return all;
    }

    /** The first retry after {@code first}, then twice as long each time, at most an hour: a server that said "later" gets time to recover. */
    static Duration backOff(Duration first, int attempts) {
        Duration wait = first.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return wait.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : wait;
    }

    /** Marks the campaign sent when no row is left to send. */
    public void finishIfDone(long campaignId) {
        long unfinished = jdbc.sql(CampaignsSql.UNFINISHED).param("id", campaignId).query(Long.class).single();
        if (unfinished == 0) {
            jdbc.sql(CampaignsSql.SET_STATE_IF).param("id", campaignId).param("state", CampaignState.SENT.name())
                    .param("from", CampaignState.SENDING.name()).param("now", now()).update();
        }
    }

    public CampaignProgress progress(long campaignId) {
        Campaign campaign = campaigns.require(campaignId);
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql(CampaignsSql.COUNTS).param("id", campaignId).query(row -> {
            counts.put(row.getString("state"), row.getLong("n"));
        });
        // The rows on their way are queued (or deferred) rows of a claimed batch (or retry): counted apart, shown apart.
        long inClaimedBatches = jdbc.sql(CampaignsSql.QUEUED_IN_CLAIMED_BATCHES).param("id", campaignId).query(Long.class).single();
        long retrying = jdbc.sql(CampaignsSql.RETRYING).param("id", campaignId).query(Long.class).single();
        counts.merge("QUEUED", -inClaimedBatches, Long::sum);
        counts.merge("DEFERRED", -retrying, Long::sum);
        counts.put("SENDING", inClaimedBatches + retrying);
        long sent = counts.getOrDefault("SENT", 0L);
        double perSecond = rate(campaignId, sent);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new CampaignProgress(campaignId, campaign.state(), total, counts.getOrDefault("QUEUED", 0L), counts.getOrDefault("SENDING", 0L),
                counts.getOrDefault("SENT", 0L), counts.getOrDefault("DEFERRED", 0L), counts.getOrDefault("FAILED", 0L),
                counts.getOrDefault("STOPPED", 0L), counts.getOrDefault("CANCELLED", 0L), perSecond);
    }

    /** What a progress request saw: the sent count at a moment. */
    private record Sample(long atNanos, long sent) {
    }

    private final Map<Long, java.util.Deque<Sample>> samples = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Messages sent per second over the last minute. A progress bar asks every second or two, so
     * the rate comes from what the earlier requests counted; only without a sample of at least
     * five seconds ago does it count in the database (sent in the last minute, a scan of the
     * campaign's rows that cost as much as the counts themselves).
     */
    private double rate(long campaignId, long sent) {
        long now = System.nanoTime();
        java.util.Deque<Sample> seen = samples.computeIfAbsent(campaignId, id -> new java.util.ArrayDeque<>());
        Sample oldest;
        synchronized (seen) {
            while (!seen.isEmpty() && now - seen.peekFirst().atNanos() > 60_000_000_000L) {
                seen.pollFirst();
            }
            oldest = seen.peekFirst();
            seen.addLast(new Sample(now, sent));
        }
        if (samples.size() > 1_000) {
            samples.keySet().removeIf(id -> id != campaignId);
        }
        if (oldest != null && now - oldest.atNanos() >= 5_000_000_000L) {
            return Math.max(0, sent - oldest.sent()) / ((now - oldest.atNanos()) / 1e9);
        }
        long lastMinute = jdbc.sql(CampaignsSql.SENT_SINCE).param("id", campaignId).param("since", now().minusMinutes(1))
                .query(Long.class).single();
        return lastMinute / 60.0;
    }

    public void pause(long campaignId) {
        move(campaignId, CampaignState.SENDING, CampaignState.PAUSED, CampaignProblem.NOT_SENDING, "only a campaign that is sending can be paused");
    }

    public void resume(long campaignId) {
        move(campaignId, CampaignState.PAUSED, CampaignState.SENDING, CampaignProblem.NOT_PAUSED, "only a paused campaign can be resumed");
    }

    /** Stops for good: what is queued or deferred is cancelled; messages on the wire finish. */
    public void cancel(long campaignId) {
        transaction.executeWithoutResult(status -> {
            Campaign campaign = campaigns.require(campaignId);
            if (campaign.state() != CampaignState.SENDING && campaign.state() != CampaignState.PAUSED) {
                throw new CampaignStateException(CampaignProblem.NOT_SENDING_OR_PAUSED, "campaign " + campaignId + " is " + campaign.state()
                        + "; only a campaign that is sending or paused can be cancelled", campaign.state());
            }
            jdbc.sql(CampaignsSql.SET_STATE).param("id", campaignId).param("state", CampaignState.CANCELLED.name()).param("now", now()).update();
            jdbc.sql(CampaignsSql.CANCEL_QUEUED).param("id", campaignId).param("now", now()).update();
            jdbc.sql(CampaignsSql.CANCEL_BATCHES).param("id", campaignId).param("now", now()).update();
        });
    }

    private void move(long campaignId, CampaignState from, CampaignState to, CampaignProblem code, String refusal) {
        int moved = jdbc.sql(CampaignsSql.SET_STATE_IF).param("id", campaignId).param("state", to.name()).param("from", from.name())
                .param("now", now()).update();
        if (moved == 0) {
            Campaign campaign = campaigns.require(campaignId);
            throw new CampaignStateException(code, "campaign " + campaignId + " is " + campaign.state() + "; " + refusal, campaign.state());
        }
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1_000 ? text : text.substring(0, 1_000);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
