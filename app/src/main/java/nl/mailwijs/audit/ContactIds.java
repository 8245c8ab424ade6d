package nl.mailwijs.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Gives each distinct contact id a dense index (0, 1, 2, …) so evidence can be kept in plain
 * arrays per contact. Open addressing over a {@link TextColumn}: no entry objects, no boxed
 * integers, and the ids themselves stored as bytes. Ids are compared exactly (case matters).
 *
 * <p>With a million ids the table is far larger than the CPU cache, so every probe is a cache
 * miss; each slot therefore holds the id's hash beside its index, and the stored bytes are
 * only looked at when the hashes match.
 */
final class ContactIds {

    private static final int NONE = -1;

    private final TextColumn ids = new TextColumn();
    /** Per slot: the hash in the high 32 bits, index + 1 in the low 32 bits; 0 is an empty slot. */
    private long[] slots = new long[1 << 11];

    /** The index of the id, or -1 when it is not known. */
    int indexOf(String id) {
        byte[] key = id.getBytes(StandardCharsets.UTF_8);
        int hash = hash(id);
        int mask = slots.length - 1;
        for (int slot = hash & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            int index = matching(slots[slot], hash, key);
            if (index != NONE) {
                return index;
            }
        }
        return NONE;
    }

    /** The index of the id, adding it when new. */
    int add(String id) {
        byte[] key = id.getBytes(StandardCharsets.UTF_8);
        int hash = hash(id);
        int mask = slots.length - 1;
        int slot = hash & mask;
        for (; slots[slot] != 0; slot = (slot + 1) & mask) {
            int index = matching(slots[slot], hash, key);
            if (index != NONE) {
                return index;
            }
        }
        int index = ids.add(key);
        slots[slot] = entry(hash, index);
        // Keep the table at most half full, so probe runs stay short.
        if (ids.size() * 2 > slots.length) {
            rehash();
        }
        return index;
    }

    private int matching(long entry, int hash, byte[] key) {
        if ((int) (entry >>> 32) != hash) {
            return NONE;
        }
        int index = (int) entry - 1;
        return ids.equalsAt(index, key) ? index : NONE;
    }

    private static long entry(int hash, int index) {
        return (long) hash << 32 | (index + 1L);
    }

    String get(int index) {
        return ids.get(index);
    }

    int size() {
        return ids.size();
    }

    private void rehash() {
        long[] bigger = new long[slots.length * 2];
        int mask = bigger.length - 1;
        for (long entry : slots) {
            if (entry == 0) {
                continue;
            }
            int slot = (int) (entry >>> 32) & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = entry;
        }
        slots = bigger;
    }

    /** String's own hash, spread so that ids differing only in their last digits do not cluster. */
    private static int hash(String id) {
        int h = id.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
