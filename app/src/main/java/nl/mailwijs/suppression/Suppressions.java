package nl.mailwijs.suppression;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.ContactAddress;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Evidence;
import nl.mailwijs.engine.request.Objection;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.ObjectionEvidence;
import nl.mailwijs.platform.ServerSecrets;
import nl.mailwijs.suppression.internal.SuppressionSql;

/**
 * The suppression list: objections kept for addresses known only by a keyed hash,
 * {@code hex(HMAC-SHA256(secret, channel ":" addressKey))}, where the secret is the server secret
 * {@value #SECRET} and the address key the form {@link Contacts#addressKey} gives (lower case,
 * A-label domain). Without the secret a hash cannot be matched to an address; the server, which
 * has it, can still tell whether an address it is about to mail is on the list.
 *
 * <p>Wherever recipients are decided (a campaign's pre-flight, the outbox at send time, a
 * contact's decision), {@link #applyTo} adds the entries found for the contact's addresses to its
 * evidence as objections of the person: the engine then denies exactly as for an objection in
 * the ledger (NL-AVG-21), naming the entry ({@code erasure-suppression-7}) in its reasons. By any
 * of the contact's addresses, since an objection covers every address of the person.
 *
 * <p>The list is small next to the contacts (objectors who were erased, objections for unknown
 * addresses), so it is read once and kept in memory while its row count and highest id stay the
 * same; rows are only ever added, so these change whenever it does. Each decision batch costs one
 * such check, and a keyed hash per address only when the list is not empty.
 */
@Service("erasureSuppressions")
public class Suppressions {

    static final String SECRET = "address-suppression";
    /** Above this many entries the list is looked up per batch instead of kept in memory. */
    static final int CACHED_AT_MOST = 200_000;
    private static final HexFormat HEX = HexFormat.of();

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Mac prototype;
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile Snapshot cached = new Snapshot(new Fingerprint(0, 0), Map.of());

    public Suppressions(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, ServerSecrets secrets,
                        ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.events = events;
        // Read (or made) now, outside any transaction: making it inside one that then fails would lose it.
        byte[] secret = secrets.secret(SECRET);
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }

    /** The keyed hash of an address: what the list keeps instead of it. */
    public String keyedHash(Channel channel, String addressKey) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 can be cloned in every JDK", e);
        }
        return HEX.formatHex(mac.doFinal((channel.name() + ":" + addressKey).getBytes(StandardCharsets.UTF_8)));
    }

    private String keyedHash(ContactAddress address) {
        return keyedHash(address.channel(), Contacts.addressKey("address", address.channel(), address.address()));
    }

    // --- writing

    /**
     * Keeps each objection for each address, as the erasure of their contact is about to forget
     * both: one entry per address and objection, with the objection's scope and date.
     *
     * @return how many entries were kept
     */
    public int keepThroughErasure(List<ContactAddress> addresses, List<ObjectionEvidence> objections) {
        int kept = 0;
        for (ContactAddress address : addresses) {
            String hmac = keyedHash(address);
            for (ObjectionEvidence objection : objections) {
                insert(hmac, objection.allChannels(), objection.channels(), objection.topics(), objection.at(), objection.via(),
                        SuppressionCause.ERASURE);
                kept++;
            }
        }
        return kept;
    }

    /**
     * Puts an address that no contact has on the list, with the scope of the objection made for
     * it, and tells the listeners (the sender's notification) in the same transaction.
     *
     * @param objection its id and raw evidence are not kept: there is no ledger record to keep them in
     */
    public Suppression recordAddressObjection(Channel channel, String address, ObjectionEvidence objection) {
        String key = Contacts.addressKey("address", channel, address);
        return transaction.execute(status -> {
            Suppression kept = insert(keyedHash(channel, key), objection.allChannels(), objection.channels(), objection.topics(),
                    objection.at(), objection.via(), SuppressionCause.ADDRESS_OBJECTION);
            events.publishEvent(new AddressObjectionRecorded(kept, channel, address.strip(), kept.createdAt()));
            return kept;
        });
    }

    private Suppression insert(String hmac, boolean allChannels, Set<Channel> channels, List<String> topics, Instant objectedAt,
                               ObjectionRoute via, SuppressionCause cause) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var key = new GeneratedKeyHolder();
        jdbc.sql(SuppressionSql.INSERT)
                .param("hmac", hmac)
                .param("allChannels", allChannels)
                .param("channels", allChannels ? "" : channels.stream().sorted().map(Channel::name).collect(Collectors.joining(",")))
                .param("topics", json.writeValueAsString(topics))
                .param("objectedAt", OffsetDateTime.ofInstant(objectedAt.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC))
                .param("via", via == null ? null : via.name())
                .param("cause", cause.name())
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update(key, "id");
        return new Suppression(key.getKeyAs(Number.class).longValue(), cause, allChannels, allChannels ? Set.of() : channels, topics,
                objectedAt.truncatedTo(ChronoUnit.MICROS), via, now);
    }

    // --- reading

    /** The entries for one address, oldest first; empty when it is not on the list. */
    public List<Suppression> of(Channel channel, String address) {
        String hmac = keyedHash(channel, Contacts.addressKey("address", channel, address));
        return jdbc.sql(SuppressionSql.BY_HMACS).param("hmacs", List.of(hmac)).query(this::suppression).list();
    }

    /** The entries found by any of the contact's addresses, oldest first. */
    public List<Suppression> of(Contact contact) {
        return ofAll(List.of(contact)).getOrDefault(contact.id(), List.of());
    }

    /**
     * {@link #of(Contact)} for a batch, in one look-up at most: per contact with an entry, its
     * entries oldest first (contacts without any are left out). So the one contact and the batch
     * see the same entries in the same order, and the engine decides alike on both.
     */
    public Map<Long, List<Suppression>> ofAll(Collection<Contact> contacts) {
        Snapshot snapshot = current();
        if (snapshot.isEmpty() || contacts.isEmpty()) {
            return Map.of();
        }
        Map<Long, Set<String>> hashes = new HashMap<>();
        for (Contact contact : contacts) {
            for (ContactAddress address : contact.addresses()) {
                hashes.computeIfAbsent(contact.id(), id -> new LinkedHashSet<>()).add(keyedHash(address));
            }
        }
        Map<String, List<Suppression>> byHash = snapshot.byHash() != null ? snapshot.byHash()
                : lookUp(hashes.values().stream().flatMap(Set::stream).distinct().toList());
        Map<Long, List<Suppression>> found = new HashMap<>();
        hashes.forEach((contactId, ofContact) -> {
            List<Suppression> entries = ofContact.stream()
                    .flatMap(hash -> byHash.getOrDefault(hash, List.of()).stream())
                    .distinct()
                    .sorted(java.util.Comparator.comparingLong(Suppression::id))
                    .toList();
            if (!entries.isEmpty()) {
                found.put(contactId, entries);
            }
        });
        return found;
    }

    /** The contact's evidence with the entries for any of its addresses added as objections. */
    public Evidence applyTo(Evidence evidence, Contact contact) {
        List<Suppression> found = of(contact);
        return found.isEmpty() ? evidence : with(evidence, found);
    }

    /**
     * {@link #applyTo(Evidence, Contact)} for a batch: what a pre-flight's page and an outbox
     * batch use. Contacts missing from {@code evidence} are left out, as they were.
     */
    public Map<Long, Ledger.ContactEvidence> applyTo(Map<Long, Ledger.ContactEvidence> evidence, Collection<Contact> contacts) {
        return applyFound(evidence, ofAll(contacts));
    }

    /** {@link #applyTo(Map, Collection)} with the entries {@link #ofAll} found for those contacts. */
    public static Map<Long, Ledger.ContactEvidence> applyFound(Map<Long, Ledger.ContactEvidence> evidence,
                                                              Map<Long, List<Suppression>> found) {
        if (found.isEmpty()) {
            return evidence;
        }
        Map<Long, Ledger.ContactEvidence> applied = new HashMap<>(evidence);
        found.forEach((contactId, entries) -> {
            Ledger.ContactEvidence current = applied.get(contactId);
            if (current != null) {
                applied.put(contactId, new Ledger.ContactEvidence(with(current.evidence(), entries), current.recordIdsByEngineId()));
            }
        });
        return applied;
    }

    /** The evidence with these entries added as objections of the person. */
    public static Evidence with(Evidence evidence, List<Suppression> entries) {
        List<Objection> objections = new ArrayList<>(evidence.objections());
        entries.forEach(entry -> objections.add(entry.asObjection()));
        return new Evidence(evidence.consents(), evidence.purchases(), evidence.interactions(), objections);
    }

    private Map<String, List<Suppression>> lookUp(List<String> hashes) {
        Map<String, List<Suppression>> byHash = new HashMap<>();
        for (int from = 0; from < hashes.size(); from += 1_000) {
            jdbc.sql(SuppressionSql.BY_HMACS).param("hmacs", hashes.subList(from, Math.min(hashes.size(), from + 1_000)))
                    .query(this::row).list()
                    .forEach(row -> byHash.computeIfAbsent(row.hmac(), hash -> new ArrayList<>()).add(row.suppression()));
        }
        return byHash;
    }

    /**
     * The list as it is now: the cached copy while the number of rows is unchanged, else read
     * again (or, when too long to keep, a snapshot that looks entries up per batch).
     */
    private Snapshot current() {
        Fingerprint now = jdbc.sql(SuppressionSql.FINGERPRINT)
                .query((row, n) -> new Fingerprint(row.getLong("n"), row.getLong("last_id"))).single();
        Snapshot snapshot = cached;
        if (snapshot.of().equals(now)) {
            return snapshot;
        }
        if (now.rows() > CACHED_AT_MOST) {
            snapshot = new Snapshot(now, null);
        } else {
            Map<String, List<Suppression>> byHash = new HashMap<>();
            List<Row> rows = jdbc.sql(SuppressionSql.ALL).query(this::row).list();
            rows.forEach(row -> byHash.computeIfAbsent(row.hmac(), hash -> new ArrayList<>()).add(row.suppression()));
            // As read: rows added between the fingerprint and the read show as a change next time.
            snapshot = new Snapshot(new Fingerprint(rows.size(), rows.stream().mapToLong(row -> row.suppression().id()).max().orElse(0)),
                    byHash);
        }
        cached = snapshot;
        return snapshot;
    }

    private record Fingerprint(long rows, long lastId) {
    }

    /** @param byHash null when the list is too long to keep: look entries up per batch */
    private record Snapshot(Fingerprint of, Map<String, List<Suppression>> byHash) {
        boolean isEmpty() {
            return of.rows() == 0;
        }
    }

    private record Row(String hmac, Suppression suppression) {
    }

    private Row row(ResultSet row, int n) throws SQLException {
        return new Row(row.getString("address_hmac"), suppression(row, n));
    }

    private Suppression suppression(ResultSet row, int n) throws SQLException {
        String channels = row.getString("channels");
        Set<Channel> named = EnumSet.noneOf(Channel.class);
        if (!channels.isEmpty()) {
            Arrays.stream(channels.split(",")).map(Channel::valueOf).forEach(named::add);
        }
        List<String> topics = List.of(json.readValue(row.getString("topics"), String[].class));
        String via = row.getString("via");
        return new Suppression(row.getLong("id"), SuppressionCause.valueOf(row.getString("cause")), row.getBoolean("all_channels"), named,
                topics, row.getObject("objected_at", OffsetDateTime.class).toInstant(), via == null ? null : ObjectionRoute.valueOf(via),
                row.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
