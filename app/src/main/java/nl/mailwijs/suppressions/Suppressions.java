package nl.mailwijs.suppressions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.values.EmailAddresses;
import nl.mailwijs.suppressions.internal.SuppressionsSql;

/**
 * Records bounces and keeps the addresses that are not mailed. Addresses are compared as contacts
 * compare them: the local part case-insensitively, the domain as its A-label in lower case.
 */
@Service
public class Suppressions {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final int softLimit;
    private final Duration softWindow;

    @Autowired
    public Suppressions(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
                        @Value("${mailwijs.bounces.soft-limit:5}") int softLimit,
                        @Value("${mailwijs.bounces.soft-window:30d}") Duration softWindow) {
        if (softLimit < 1) {
            throw new IllegalArgumentException("mailwijs.bounces.soft-limit must be 1 or more, not " + softLimit);
        }
        if (softWindow.isNegative() || softWindow.isZero()) {
            throw new IllegalArgumentException("mailwijs.bounces.soft-window must be longer than zero, not " + softWindow);
        }
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        this.softLimit = softLimit;
        this.softWindow = softWindow;
    }

    public int softLimit() {
        return softLimit;
    }

    public Duration softWindow() {
        return softWindow;
    }

    /**
     * The key an address is compared by, or empty when it is not an e-mail address.
     * {@code Anna@Example.NL} and {@code anna@example.nl} have one key, so do {@code zoe@bücher.example}
     * and {@code zoe@xn--bcher-kva.example}.
     */
    public static Optional<String> addressKey(String address) {
        if (address == null) {
            return Optional.empty();
        }
        if (isLowerAscii(address)) {
            // The common case, without IDN conversion: a pre-flight asks this for every allowed recipient.
            int at = address.lastIndexOf('@');
            if (at > 0 && at < address.length() - 1 && address.indexOf('@') == at) {
                return Optional.of(address);
            }
        }
        try {
            String normalised = EmailAddresses.normalise(address);
            String local = normalised.substring(0, normalised.lastIndexOf('@'));
            return Optional.of(local.toLowerCase(Locale.ROOT) + "@" + EmailAddresses.asciiDomain(normalised).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // InvalidValueException among them: not an e-mail address.
            return Optional.empty();
        }
    }

    private static boolean isLowerAscii(String address) {
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c >= 0x7F || (c >= 'A' && c <= 'Z') || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static String requireKey(String field, String address) {
        return addressKey(address).orElseThrow(() -> new InvalidRequestException(field, "'" + address + "' is not an e-mail address"));
    }

    /**
     * Stores a bounce and suppresses its address when it is hard, or when it makes the soft
     * bounces within the window reach the limit. Joins the caller's transaction when there is one.
     */
    public BounceOutcome record(Bounce bounce) {
        String key = requireKey("address", bounce.address());
        return transaction.execute(status -> {
            var keyHolder = new GeneratedKeyHolder();
            jdbc.sql(SuppressionsSql.INSERT_BOUNCE)
                    .param("address", clip(bounce.address(), 320))
                    .param("key", key)
                    .param("kind", bounce.kind().name())
                    .param("source", bounce.source().name())
                    .param("status", clip(bounce.status(), 20))
                    .param("diagnostic", clip(bounce.diagnostic(), 1_000))
                    .param("at", column(bounce.at()))
                    .param("inboundMessageId", bounce.inboundMessageId())
                    .param("outboxId", bounce.outboxId())
                    .param("campaignId", bounce.campaignId())
                    .update(keyHolder, "id");
            long bounceId = keyHolder.getKeyAs(Number.class).longValue();
            if (bounce.kind() == BounceKind.HARD) {
                SuppressionReason reason = bounce.source() == BounceSource.SMTP_REPLY ? SuppressionReason.REJECTED_AT_SEND
                        : SuppressionReason.HARD_BOUNCE;
                Suppressed suppressed = suppress(key, bounce, bounceId, reason);
                return new BounceOutcome(bounceId, bounce.kind(), 0, softLimit, suppressed.suppression(), suppressed.created());
            }
            Instant since = clock.instant().minus(softWindow);
            List<OffsetDateTime> lastLift = jdbc.sql(SuppressionsSql.LAST_LIFT).param("key", key).query(OffsetDateTime.class).list();
            OffsetDateTime lifted = lastLift.isEmpty() ? null : lastLift.getFirst();
            if (lifted != null && lifted.toInstant().isAfter(since)) {
                since = lifted.toInstant();
            }
            long soft = jdbc.sql(SuppressionsSql.SOFT_SINCE).param("key", key).param("since", column(since)).query(Long.class).single();
            if (soft >= softLimit) {
                Suppressed suppressed = suppress(key, bounce, bounceId, SuppressionReason.SOFT_BOUNCES);
                return new BounceOutcome(bounceId, bounce.kind(), soft, softLimit, suppressed.suppression(), suppressed.created());
            }
            return new BounceOutcome(bounceId, bounce.kind(), soft, softLimit, inForce(key).orElse(null), false);
        });
    }

    private record Suppressed(Suppression suppression, boolean created) {
    }

    private Suppressed suppress(String key, Bounce bounce, long bounceId, SuppressionReason reason) {
        Optional<Suppression> existing = inForce(key);
        if (existing.isPresent()) {
            return new Suppressed(existing.get(), false);
        }
        try {
            // A savepoint: on PostgreSQL a failed statement would otherwise end the whole transaction.
            savepoint.executeWithoutResult(status -> jdbc.sql(SuppressionsSql.INSERT_SUPPRESSION)
                    .param("address", clip(bounce.address(), 320))
                    .param("key", key)
                    .param("reason", reason.name())
                    .param("scope", Suppression.ALL_MESSAGES)
                    .param("status", clip(bounce.status(), 20))
                    .param("diagnostic", clip(bounce.diagnostic(), 1_000))
                    .param("at", column(clock.instant()))
                    .param("bounceId", bounceId)
                    .param("inboundMessageId", bounce.inboundMessageId())
                    .param("outboxId", bounce.outboxId())
                    .param("campaignId", bounce.campaignId())
                    .update());
            return new Suppressed(inForce(key).orElseThrow(), true);
        } catch (DuplicateKeyException e) {
            // Another bounce of this address suppressed it a moment ago: one suppression in force is enough.
            return new Suppressed(inForce(key).orElseThrow(), false);
        }
    }

    /** The suppression in force for this address, if any. */
    public Optional<Suppression> inForce(String address) {
        return addressKey(address).flatMap(key -> jdbc.sql(SuppressionsSql.IN_FORCE_BY_KEY).param("key", key).query(this::suppression).optional());
    }

    /**
     * The suppressions in force among these addresses, by address key ({@link #addressKey}):
     * what the outbox asks before sending a batch.
     */
    public Map<String, Suppression> inForceAmong(Collection<String> addresses) {
        Set<String> keys = new LinkedHashSet<>();
        addresses.forEach(address -> addressKey(address).ifPresent(keys::add));
        Map<String, Suppression> found = new HashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += 1_000) {
            jdbc.sql(SuppressionsSql.IN_FORCE_AMONG).param("keys", all.subList(from, Math.min(all.size(), from + 1_000)))
                    .query(this::suppression).list()
                    .forEach(suppression -> addressKey(suppression.address()).ifPresent(key -> found.put(key, suppression)));
        }
        return found;
    }

    /** Every suppression in force, by address key: what a pre-flight reads once. */
    public Map<String, Suppression> allInForce() {
        Map<String, Suppression> found = new HashMap<>();
        jdbc.sql(SuppressionsSql.ALL_IN_FORCE).query(this::suppression).list()
                .forEach(suppression -> addressKey(suppression.address()).ifPresent(key -> found.put(key, suppression)));
        return found;
    }

    public Optional<Suppression> find(long id) {
        return jdbc.sql(SuppressionsSql.BY_ID).param("id", id).query(this::suppression).optional();
    }

    /** A page of suppressions, newest first; of one address when {@code address} is given, lifted ones too when asked. */
    public List<Suppression> list(String address, boolean withLifted, int page, int size) {
        String key = address == null ? "" : requireKey("address", address);
        return jdbc.sql(SuppressionsSql.LIST).param("anyAddress", address == null).param("key", key).param("withLifted", withLifted)
                .param("limit", size).param("offset", (long) page * size).query(this::suppression).list();
    }

    public long count(String address, boolean withLifted) {
        String key = address == null ? "" : requireKey("address", address);
        return jdbc.sql(SuppressionsSql.COUNT).param("anyAddress", address == null).param("key", key).param("withLifted", withLifted)
                .query(Long.class).single();
    }

    /**
     * Lifts a suppression: the address may be mailed again. The row stays, with who lifted it and
     * why; soft bounces before now no longer count towards the limit.
     *
     * @throws UnknownSuppressionException when there is no such suppression
     * @throws InvalidRequestException     naming {@code id} when it was lifted before
     */
    public Suppression lift(long id, String by, String note) {
        return transaction.execute(status -> {
            Suppression suppression = find(id).orElseThrow(() -> new UnknownSuppressionException(id));
            int lifted = jdbc.sql(SuppressionsSql.LIFT).param("id", id).param("at", column(clock.instant())).param("by", clip(by, 200))
                    .param("note", clip(note, 1_000)).update();
            if (lifted == 0) {
                throw new InvalidRequestException("id", "suppression " + id + " of " + suppression.address() + " was already lifted at "
                        + suppression.liftedAt());
            }
            return find(id).orElseThrow();
        });
    }

    /** One bounce as stored, for {@code /api/v1/bounces}. */
    public record StoredBounce(long id, String address, BounceKind kind, BounceSource source, String status, String diagnostic,
                               Instant bouncedAt, Long inboundMessageId, Long outboxId, Long campaignId) {
    }

    /** A page of bounces, newest first; of one address when {@code address} is given. */
    public List<StoredBounce> bounces(String address, int page, int size) {
        String key = address == null ? "" : requireKey("address", address);
        return jdbc.sql(SuppressionsSql.BOUNCES).param("anyAddress", address == null).param("key", key)
                .param("limit", size).param("offset", (long) page * size)
                .query((row, n) -> new StoredBounce(row.getLong("id"), row.getString("address"), BounceKind.valueOf(row.getString("kind")),
                        BounceSource.valueOf(row.getString("source")), row.getString("status"), row.getString("diagnostic"),
                        instant(row, "bounced_at"), nullableLong(row, "inbound_message_id"), nullableLong(row, "outbox_id"),
                        nullableLong(row, "campaign_id")))
                .list();
    }

    public long countBounces(String address) {
        String key = address == null ? "" : requireKey("address", address);
        return jdbc.sql(SuppressionsSql.COUNT_BOUNCES).param("anyAddress", address == null).param("key", key).query(Long.class).single();
    }

    private Suppression suppression(ResultSet row, int n) throws SQLException {
        return new Suppression(row.getLong("id"), row.getString("address"), SuppressionReason.valueOf(row.getString("reason")),
                row.getString("scope"), row.getString("status"), row.getString("diagnostic"), instant(row, "suppressed_at"),
                row.getLong("bounce_id"), nullableLong(row, "inbound_message_id"), nullableLong(row, "outbox_id"),
                nullableLong(row, "campaign_id"), instant(row, "lifted_at"), row.getString("lifted_by"), row.getString("lift_note"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static OffsetDateTime column(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** Text as the columns hold it: control characters (NUL among them) as spaces, cut at the column's length. */
    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && clean.length() < max; i++) {
            char c = text.charAt(i);
            clean.append(Character.isISOControl(c) || Character.isSurrogate(c) ? ' ' : c);
        }
        String result = clean.toString().strip();
        return result.isEmpty() ? null : result;
    }
}
