package nl.mailwijs.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which keys sign a message, by its From domain, without a database query per message: the active
 * keys of {@link DkimKeyStore} are held in memory with the revision they are of. A change made in
 * this process is seen at once; one made by another process (a second server, {@code bin/mailwijs
 * dkim} while the server runs) when the revision is next read, at most every {@code refresh}.
 *
 * <p>A message is signed with the active keys of its From domain, or, if it has none, of the
 * nearest parent domain that has (d= of a parent aligns under DMARC's relaxed mode): one
 * DKIM-Signature per key, Ed25519 and RSA when both are active. A From domain without stored
 * keys is signed with the key file of {@code mailwijs.delivery.dkim.key-file}, if one is set, as
 * before there were stored keys: the stored keys win for their domains, the file key covers the rest.
 * Thread-safe.
 */
public class DkimKeyring {

    private static final Logger LOG = LoggerFactory.getLogger(DkimKeyring.class);

    /** The keys of one revision, by domain, ready to sign. */
    private record Snapshot(long revision, long localChanges, long checkedAtMillis, Map<String, DkimSigning> byDomain) {
    }

    private final DkimKeyStore store;
    private final Clock clock;
    private final long refreshMillis;
    private final DkimSigning fileSigning;
    private volatile Snapshot snapshot;

    /**
     * @param refresh  how long the keys are used before the revision is read again (changes made through this process's store are seen at once)
     * @param fileKeys the keys of the key file, for From domains without stored keys; may be empty
     */
    public DkimKeyring(DkimKeyStore store, Clock clock, Duration refresh, List<DkimKey> fileKeys) {
        this.store = store;
        this.clock = clock;
        this.refreshMillis = refresh.toMillis();
        this.fileSigning = fileKeys.isEmpty() ? null : new DkimSigning(fileKeys);
    }

    /**
     * The signing for messages from this address, or null when there is no key for it (send unsigned).
     * The same object until the keys change: call it per batch, or per message, as is handy.
     */
    public DkimSigning signingFor(String fromAddress) {
        Map<String, DkimSigning> byDomain = current().byDomain();
        if (!byDomain.isEmpty() && fromAddress != null) {
            String domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            try {
                domain = java.net.IDN.toASCII(domain).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                // Not a domain that a key could have been made for: the file key, if any.
            }
            for (String name = domain; !name.isEmpty(); name = parent(name)) {
                DkimSigning signing = byDomain.get(name);
                if (signing != null) {
                    return signing;
                }
            }
        }
        return fileSigning;
    }

    /** The stored keys in use now, by domain: for reports and tests. */
    public Map<String, List<DkimKey>> activeKeys() {
        Map<String, List<DkimKey>> keys = new LinkedHashMap<>();
        current().byDomain().forEach((domain, signing) -> keys.put(domain, signing.keys()));
        return keys;
    }

    private Snapshot current() {
        Snapshot known = snapshot;
        long now = clock.millis();
        if (known != null && known.localChanges() == store.localChanges() && now - known.checkedAtMillis() < refreshMillis) {
            return known;
        }
        synchronized (this) {
            known = snapshot;
            long local = store.localChanges();
            if (known != null && known.localChanges() == local && now - known.checkedAtMillis() < refreshMillis) {
                return known;
            }
            try {
                if (known != null && known.localChanges() == local && store.revision() == known.revision()) {
                    snapshot = new Snapshot(known.revision(), local, now, known.byDomain());
                    return snapshot;
                }
                snapshot = load(local, now);
                return snapshot;
            } catch (RuntimeException e) {
                if (known == null) {
                    throw e;
                }
                // The database did not answer: sign with the keys known a moment ago rather than not at all.
                LOG.warn("DKIM keys: could not look for changes, signing with the keys of revision {}: {}", known.revision(), e.toString());
                snapshot = new Snapshot(known.revision(), known.localChanges(), now, known.byDomain());
                return snapshot;
            }
        }
    }

    private Snapshot load(long local, long now) {
        DkimKeyStore.ActiveKeys active = store.activeKeys();
        for (String problem : active.problems()) {
            LOG.error("{}; messages are signed without it", problem);
        }
        Map<String, List<DkimKey>> byDomain = new LinkedHashMap<>();
        for (DkimKey key : active.keys()) {
            byDomain.computeIfAbsent(key.domain(), domain -> new ArrayList<>()).add(key);
        }
        Map<String, DkimSigning> signing = new LinkedHashMap<>();
        byDomain.forEach((domain, keys) -> {
            // Applied in order, the last on top: Ed25519 first, so the RSA signature, which every receiver checks, comes first.
            keys.sort(Comparator.comparing((DkimKey key) -> !key.ed25519()));
            signing.put(domain, new DkimSigning(keys));
        });
        LOG.info("DKIM keys: revision {}, {} active for {}", active.revision(), active.keys().size(),
                signing.isEmpty() ? "no domain" : String.join(", ", signing.keySet()));
        return new Snapshot(active.revision(), local, now, Map.copyOf(signing));
    }

    private static String parent(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 ? "" : domain.substring(dot + 1);
    }
}
