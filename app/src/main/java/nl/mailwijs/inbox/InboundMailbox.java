package nl.mailwijs.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import nl.mailwijs.campaigns.Outbox;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.inbox.internal.HeaderBlock;
import nl.mailwijs.inbox.internal.InboundActions;
import nl.mailwijs.inbox.internal.InboundSql;
import nl.mailwijs.suppressions.Suppressions;

/**
 * Stores every inbound message as it arrived, then processes it (see the package description).
 * {@link #receive} is durable when it returns, so an SMTP listener may answer 250 after it;
 * {@link #process} never throws: a message it cannot handle is marked FAILED and flagged.
 */
@Service
public class InboundMailbox {

    private static final Logger LOG = LoggerFactory.getLogger(InboundMailbox.class);
    /** Long enough for the SMTP session that stored a message to process it itself. */
    static final Duration SWEEP_AFTER = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final InboundActions actions;
    private final int maxMessageBytes;

    @Autowired
    public InboundMailbox(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, Outbox outbox, Contacts contacts, Ledger ledger,
                          Suppressions suppressions, @Value("${mailwijs.inbound.max-message-size:10MB}") DataSize maxMessageSize) {
        if (maxMessageSize.toBytes() < 64 << 10 || maxMessageSize.toBytes() > 256L << 20) {
            throw new IllegalArgumentException("mailwijs.inbound.max-message-size must be 64KB to 256MB, not " + maxMessageSize);
        }
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.actions = new InboundActions(outbox, contacts, ledger, suppressions);
        this.maxMessageBytes = (int) maxMessageSize.toBytes();
    }

    /** How much of a message is kept; the rest of a longer one is not stored (and the message is flagged). */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /**
     * Stores a message as it arrived and returns its number. A message with a dedupe key that is
     * stored already is not stored again: its number is returned.
     */
    public long receive(ReceivedMessage message) {
        if (message.dedupeKey() != null) {
            Optional<Long> stored = storedAs(message.dedupeKey());
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        byte[] raw = message.raw().length > maxMessageBytes ? Arrays.copyOf(message.raw(), maxMessageBytes) : message.raw();
        boolean truncated = message.truncated() || raw.length < message.raw().length;
        HeaderBlock headers = HeaderBlock.of(raw);
        var keyHolder = new GeneratedKeyHolder();
        try {
            jdbc.sql(InboundSql.INSERT)
                    .param("receivedAt", now())
                    .param("source", message.source().name())
                    .param("sourceDetail", clip(message.sourceDetail(), 500))
                    .param("dedupeKey", clip(message.dedupeKey(), 600))
                    .param("envelopeFrom", clip(message.envelopeFrom(), 500))
                    .param("envelopeTo", message.envelopeTo().isEmpty() ? null : clip(String.join("\n", message.envelopeTo()), 4_000))
                    .param("sizeBytes", Math.max(message.sizeBytes(), message.raw().length))
                    .param("truncated", truncated)
                    .param("raw", raw)
                    .param("from", headers.display("From", 500))
                    .param("subject", headers.display("Subject", 500))
                    .param("messageId", headers.display("Message-ID", 500))
                    .update(keyHolder, "id");
        } catch (DuplicateKeyException e) {
            // Fetched twice at once (two pollers on one mailbox): the other one stored it.
            return storedAs(message.dedupeKey()).orElseThrow(() -> e);
        }
        return keyHolder.getKeyAs(Number.class).longValue();
    }

    private Optional<Long> storedAs(String dedupeKey) {
        return jdbc.sql(InboundSql.ID_BY_DEDUPE_KEY).param("key", clip(dedupeKey, 600)).query(Long.class).optional();
    }

    /**
     * Processes a stored message that is still PENDING: classifies it and acts on it, all in one
     * transaction with marking it processed. Never throws; what goes wrong marks it FAILED.
     */
    public void process(long id) {
        try {
            transaction.executeWithoutResult(status -> {
                Optional<InboundActions.Stored> stored = jdbc.sql(InboundSql.LOCK_PENDING).param("id", id)
                        .query((row, n) -> new InboundActions.Stored(row.getLong("id"), instant(row, "received_at"),
                                InboundSource.valueOf(row.getString("source")), lines(row.getString("envelope_to")),
                                row.getBoolean("truncated"), row.getBytes("raw")))
                        .optional();
                if (stored.isEmpty()) {
                    return;
                }
                InboundActions.Result result = actions.act(stored.get());
                jdbc.sql(InboundSql.RECORD_RESULT)
                        .param("id", id)
                        .param("kind", result.kind().name())
                        .param("outcome", result.outcome().name())
                        .param("detail", clip(result.detail(), 2_000))
                        .param("malformed", !result.problems().isEmpty())
                        .param("problems", result.problems().isEmpty() ? null : clip(String.join("\n", result.problems()), 100_000))
                        .param("report", result.reportJson())
                        .param("campaignId", result.campaignId())
                        .param("contactId", result.contactId())
                        .param("outboxId", result.outboxId())
                        .param("evidenceRecordId", result.evidenceRecordId())
                        .param("now", now())
                        .update();
            });
        } catch (RuntimeException e) {
            LOG.warn("inbound message {} could not be processed; it is kept and marked FAILED: {}", id, e.toString());
            try {
                jdbc.sql(InboundSql.RECORD_FAILURE).param("id", id)
                        .param("detail", clip("processing failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), 2_000))
                        .param("now", now()).update();
            } catch (RuntimeException again) {
                LOG.warn("inbound message {} stays PENDING; the sweep tries it again: {}", id, again.toString());
            }
        }
    }

    /** Stores and processes one message, and returns it as stored. */
    public InboundMessage receiveAndProcess(ReceivedMessage message) {
        long id = receive(message);
        process(id);
        return find(id).orElseThrow();
    }

    /** Processes messages left PENDING for longer than a minute (their process died); at most {@code limit}. */
    public int processPending(int limit) {
        List<Long> pending = jdbc.sql(InboundSql.PENDING_BEFORE).param("before", column(clock.instant().minus(SWEEP_AFTER)))
                .param("limit", limit).query(Long.class).list();
        pending.forEach(this::process);
        return pending.size();
    }

    /**
     * Processes a FAILED message again (after what made it fail was fixed).
     *
     * @return the message, or empty when there is none with this number
     */
    public Optional<InboundMessage> processAgain(long id) {
        jdbc.sql(InboundSql.RESET_FAILED).param("id", id).update();
        process(id);
        return find(id);
    }

    public Optional<InboundMessage> find(long id) {
        return jdbc.sql(InboundSql.BY_ID).param("id", id).query(this::message).optional();
    }

    /** The message's bytes as stored. */
    public Optional<byte[]> raw(long id) {
        return jdbc.sql(InboundSql.RAW).param("id", id).query((row, n) -> row.getBytes("raw")).optional();
    }

    /** A page of messages, newest first, optionally of one outcome and one kind. */
    public List<InboundMessage> list(InboundOutcome outcome, InboundKind kind, int page, int size) {
        return jdbc.sql(InboundSql.LIST)
                .param("anyOutcome", outcome == null).param("outcome", outcome == null ? "" : outcome.name())
                .param("anyKind", kind == null).param("kind", kind == null ? "" : kind.name())
                .param("limit", size).param("offset", (long) page * size)
                .query(this::message).list();
    }

    public long count(InboundOutcome outcome, InboundKind kind) {
        return jdbc.sql(InboundSql.COUNT)
                .param("anyOutcome", outcome == null).param("outcome", outcome == null ? "" : outcome.name())
                .param("anyKind", kind == null).param("kind", kind == null ? "" : kind.name())
                .query(Long.class).single();
    }

    private InboundMessage message(ResultSet row, int n) throws SQLException {
        String kind = row.getString("kind");
        String problems = row.getString("problems");
        return new InboundMessage(row.getLong("id"), instant(row, "received_at"), InboundSource.valueOf(row.getString("source")),
                row.getString("source_detail"), row.getString("envelope_from"), lines(row.getString("envelope_to")), row.getLong("size_bytes"),
                row.getBoolean("truncated"), row.getString("header_from"), row.getString("header_subject"), row.getString("header_message_id"),
                kind == null ? null : InboundKind.valueOf(kind), InboundOutcome.valueOf(row.getString("outcome")), row.getString("detail"),
                row.getBoolean("malformed"), lines(problems), row.getString("report"), nullableLong(row, "token_campaign_id"),
                nullableLong(row, "token_contact_id"), nullableLong(row, "token_outbox_id"), nullableLong(row, "evidence_record_id"),
                instant(row, "processed_at"));
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private OffsetDateTime now() {
        return column(clock.instant());
    }

    private static OffsetDateTime column(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** Text as a column holds it: no NUL or other control characters (newlines kept), cut at the column's length. */
    static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && clean.length() < max; i++) {
            char c = text.charAt(i);
            clean.append(c != '\n' && Character.isISOControl(c) ? ' ' : c);
        }
        if (!clean.isEmpty() && Character.isHighSurrogate(clean.charAt(clean.length() - 1))) {
            clean.setLength(clean.length() - 1);
        }
        return clean.toString();
    }
}
