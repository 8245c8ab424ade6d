package nl.mailwijs.delivery;

import java.security.interfaces.RSAPrivateKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.delivery.internal.DkimKeysSql;
import nl.mailwijs.delivery.internal.HeaderValues;
import nl.mailwijs.delivery.internal.KeySeal;
import nl.mailwijs.platform.ServerSecrets;

/**
 * The sender's DKIM keys, part of its settings: made here (or uploaded as PEM), kept with the
 * private key sealed (AES-256-GCM under a key derived from the server secret
 * {@value #SECRET_NAME}), listed without it, and switched on and off. A new key starts inactive
 * unless asked otherwise: publish its DNS record first, then activate it. Activating a key
 * deactivates the other active key of the same domain and algorithm, so a domain is signed with
 * at most one RSA and one Ed25519 key, and rotating is one step. Every change raises a revision
 * number that {@link DkimKeyring} watches.
 */
@Service
public class DkimKeyStore {

    /** The ServerSecrets name the sealing key is derived from. */
    static final String SECRET_NAME = "dkim-private-key";
    /** A PKCS#8 PEM of a 4096-bit RSA key has about 3,300 characters. */
    public static final int MAX_PEM_CHARS = 10_000;
    static final int MIN_RSA_BITS = 2048;
    static final int MAX_RSA_BITS = 4096;

    /** A key activated, and the keys of the same domain and algorithm it replaced. */
    public record Activated(StoredDkimKey key, List<StoredDkimKey> deactivated) {
    }

    /** What signing needs: the active keys (private halves opened) and the revision they are of. */
    record ActiveKeys(long revision, List<DkimKey> keys, List<String> problems) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicLong localChanges = new AtomicLong();
    private final KeySeal seal;

    public DkimKeyStore(JdbcClient jdbc, ServerSecrets secrets, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        // Made now, outside any transaction: two processes making the secret at once is handled by a
        // failed insert, which on PostgreSQL would end the transaction of a key being stored.
        this.seal = new KeySeal(secrets.secret(SECRET_NAME), "dkim-private-key");
    }

    // --- input checks, shared by the API and the command line (which names its options instead)

    /** The domain as it goes into {@code d=}: lower case, IDNA A-label. */
    public static String domain(String domain) {
        if (domain == null || domain.isBlank()) {
            throw new InvalidRequestException("domain", "is required: the domain of the From addresses to sign, e.g. fotostudio-jansen.nl");
        }
        try {
            return HeaderValues.domain("domain", domain.strip());
        } catch (UnsafeHeaderException e) {
            throw new InvalidRequestException("domain", "'" + domain + "' is not a valid domain name");
        }
    }

    /** A selector is one or more DNS labels; kept in lower case, as DNS does not tell case apart. */
    public static String selector(String selector) {
        if (selector == null || selector.isBlank()) {
            throw new InvalidRequestException("selector", "is required: a name for this key in DNS, e.g. mw2026");
        }
        String lower = selector.strip().toLowerCase(Locale.ROOT);
        if (lower.length() > 63 || !lower.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw new InvalidRequestException("selector", "'" + selector + "' is not a DNS label such as mw2026 (letters, digits and '-', at most 63)");
        }
        return lower;
    }

    /** {@code rsa} (the default: every receiver checks it) or {@code ed25519}. */
    public static DkimAlgorithm algorithm(String name) {
        if (name == null) {
            return DkimAlgorithm.RSA;
        }
        return DkimAlgorithm.fromName(name).orElseThrow(() -> new InvalidRequestException("algorithm", "must be rsa or ed25519, not '" + name + "'"));
    }

    /**
     * An uploaded key: unencrypted PKCS#8 PEM, RSA of 2048 to 4096 bits or Ed25519, of the
     * algorithm named (if one is).
     */
    public static DkimKey uploadedKey(String domain, String selector, String algorithm, String pem) {
        String checkedDomain = domain(domain);
        String checkedSelector = selector(selector);
        if (pem == null || pem.isBlank()) {
            throw new InvalidRequestException("privateKeyPem", "is empty; give a PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new InvalidRequestException("privateKeyPem", "is longer than " + MAX_PEM_CHARS + " characters; a DKIM key is at most 4096-bit RSA");
        }
        DkimKey key;
        try {
            key = DkimKey.fromPem(checkedDomain, checkedSelector, pem.strip());
        } catch (DeliveryException e) {
            throw new InvalidRequestException("privateKeyPem", e.getMessage());
        }
        if (key.privateKey() instanceof RSAPrivateKey rsa
                && (rsa.getModulus().bitLength() < MIN_RSA_BITS || rsa.getModulus().bitLength() > MAX_RSA_BITS)) {
            throw new InvalidRequestException("privateKeyPem", "is a " + rsa.getModulus().bitLength() + "-bit RSA key; DKIM keys here have "
                    + MIN_RSA_BITS + " to " + MAX_RSA_BITS + " bits (RFC 8301: at least 1024, 2048 recommended)");
        }
        if (algorithm != null && algorithm(algorithm) != DkimAlgorithm.of(key)) {
            throw new InvalidRequestException("algorithm", "is " + algorithm + " but the uploaded key is " + DkimAlgorithm.of(key).tag());
        }
        return key;
    }

    // --- changes

    /** Makes a key pair here; only its sealed private half is stored. */
    @Transactional
    public StoredDkimKey generate(String domain, String selector, String algorithm, boolean active, String by) {
        String checkedDomain = domain(domain);
        String checkedSelector = selector(selector);
        DkimAlgorithm kind = algorithm(algorithm);
        refuseTaken(checkedDomain, checkedSelector);
        DkimKeys.Generated generated = kind == DkimAlgorithm.ED25519 ? DkimKeys.ed25519(checkedDomain, checkedSelector)
                : DkimKeys.rsa(checkedDomain, checkedSelector);
        return insert(generated, active, by);
    }

    /** Stores a key made elsewhere (see {@link #uploadedKey}). */
    @Transactional
    public StoredDkimKey upload(String domain, String selector, String algorithm, String pem, boolean active, String by) {
        DkimKey key = uploadedKey(domain, selector, algorithm, pem);
        refuseTaken(key.domain(), key.selector());
        return insert(DkimKeys.of(key), active, by);
    }

    /** @return empty when there is no key of that number */
    @Transactional
    public Optional<Activated> activate(long id) {
        jdbc.sql(DkimKeysSql.RAISE_REVISION).update();
        Optional<StoredDkimKey> key = find(id);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        List<StoredDkimKey> replaced = jdbc.sql(DkimKeysSql.ACTIVE_OTHERS)
                .param("domain", key.get().domain())
                .param("algorithm", key.get().algorithm())
                .param("id", id)
                .query(this::stored)
                .list();
        jdbc.sql(DkimKeysSql.DEACTIVATE_OTHERS)
                .param("domain", key.get().domain())
                .param("algorithm", key.get().algorithm())
                .param("id", id)
                .update();
        jdbc.sql(DkimKeysSql.SET_ACTIVE).param("active", true).param("id", id).update();
        changed();
        List<StoredDkimKey> deactivated = new ArrayList<>();
        for (StoredDkimKey other : replaced) {
            find(other.id()).ifPresent(deactivated::add);
        }
        return Optional.of(new Activated(find(id).orElseThrow(), List.copyOf(deactivated)));
    }

    /** @return empty when there is no key of that number */
    @Transactional
    public Optional<StoredDkimKey> deactivate(long id) {
        jdbc.sql(DkimKeysSql.RAISE_REVISION).update();
        if (jdbc.sql(DkimKeysSql.SET_ACTIVE).param("active", false).param("id", id).update() == 0) {
            return Optional.empty();
        }
        changed();
        return find(id);
    }

    /** Removes a key for good (active or not); its DNS record can go after the last message signed with it has been delivered. */
    @Transactional
    public boolean delete(long id) {
        jdbc.sql(DkimKeysSql.RAISE_REVISION).update();
        boolean deleted = jdbc.sql(DkimKeysSql.DELETE_KEY).param("id", id).update() > 0;
        if (deleted) {
            changed();
        }
        return deleted;
    }

    // --- reading

    /** Every key, by domain and selector; never the private key. */
    public List<StoredDkimKey> list() {
        return jdbc.sql(DkimKeysSql.KEYS).query(this::stored).list();
    }

    public Optional<StoredDkimKey> find(long id) {
        return jdbc.sql(DkimKeysSql.KEY_BY_ID).param("id", id).query(this::stored).optional();
    }

    /** Raised by every change, in any process on this database. */
    public long revision() {
        return jdbc.sql(DkimKeysSql.REVISION).query(Long.class).single();
    }

    /** Raised after every change this process commits: the keyring need not wait for its next look at {@link #revision()}. */
    long localChanges() {
        return localChanges.get();
    }

    /** The active keys with their private halves opened; a key that does not open is left out and named in the problems. */
    ActiveKeys activeKeys() {
        long revision = revision();
        List<DkimKey> keys = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        jdbc.sql(DkimKeysSql.ACTIVE_SEALED).query(row -> {
            String domain = row.getString("domain");
            String selector = row.getString("selector");
            try {
                byte[] der = seal.open(row.getString("sealed_private_key"), context(domain, selector, row.getString("algorithm")));
                keys.add(DkimKey.fromPkcs8(domain, selector, der));
            } catch (DeliveryException e) {
                problems.add("DKIM key " + row.getLong("id") + " (" + selector + "._domainkey." + domain + "): " + e.getMessage());
            }
        });
        return new ActiveKeys(revision, List.copyOf(keys), List.copyOf(problems));
    }

    // --- the rest

    private void refuseTaken(String domain, String selector) {
        jdbc.sql(DkimKeysSql.SELECTOR_TAKEN).param("domain", domain).param("selector", selector).query(Long.class).optional()
                .ifPresent(id -> {
                    throw taken(domain, selector, id);
                });
    }

    private static DkimKeyConflictException taken(String domain, String selector, Object id) {
        return new DkimKeyConflictException("there is a key with selector '" + selector + "' for " + domain + " already (number " + id
                + "); a DNS name holds one key: choose another selector, or delete that key first");
    }

    private StoredDkimKey insert(DkimKeys.Generated generated, boolean active, String by) {
        DkimKey key = generated.key();
        DkimAlgorithm kind = DkimAlgorithm.of(key);
        jdbc.sql(DkimKeysSql.RAISE_REVISION).update();
        GeneratedKeyHolder id = new GeneratedKeyHolder();
        try {
            jdbc.sql(DkimKeysSql.INSERT_KEY)
                    .param("domain", key.domain())
                    .param("selector", key.selector())
                    .param("algorithm", kind.tag())
                    .param("bits", key.privateKey() instanceof RSAPrivateKey rsa ? rsa.getModulus().bitLength() : 256)
                    .param("sealed", seal.seal(key.privateKey().getEncoded(), context(key.domain(), key.selector(), kind.tag())))
                    .param("publicKey", generated.txtValue().substring(generated.txtValue().indexOf("p=") + 2))
                    .param("active", false)
                    .param("now", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                    .param("by", by)
                    .update(id, "id");
        } catch (DuplicateKeyException e) {
            throw taken(key.domain(), key.selector(), "just made");
        }
        long number = id.getKeyAs(Number.class).longValue();
        changed();
        if (active) {
            return activate(number).orElseThrow().key();
        }
        return find(number).orElseThrow();
    }

    /** What a sealed key is bound to: opened for another domain, selector or algorithm, it fails. */
    private static String context(String domain, String selector, String algorithm) {
        return "dkim-key " + domain + " " + selector + " " + algorithm;
    }

    /** After the commit, when there is a transaction: a keyring that reloads before it would see the old keys. */
    private void changed() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    localChanges.incrementAndGet();
                }
            });
        } else {
            localChanges.incrementAndGet();
        }
    }

    private StoredDkimKey stored(ResultSet row, int number) throws SQLException {
        String domain = row.getString("domain");
        String selector = row.getString("selector");
        String algorithm = row.getString("algorithm");
        String name = selector + "._domainkey." + domain;
        String value = "v=DKIM1; k=" + algorithm + "; p=" + row.getString("public_key");
        return new StoredDkimKey(row.getLong("id"), domain, selector, algorithm, row.getInt("key_bits"), row.getBoolean("active"),
                row.getTimestamp("created_at").toInstant(), row.getString("created_by"),
                new StoredDkimKey.DnsRecord(name, "TXT", value, DkimKeys.zoneFileLine(name, value)));
    }
}
