package nl.mailwijs.imports;

import java.util.Arrays;

/**
 * A set of 64-bit keys (hashes of ids), open addressing: telling a duplicate id in a file of
 * millions of rows costs 16 bytes a row instead of a String in a HashSet.
 */
final class LongSet {

    private static final long EMPTY = 0;

    private long[] slots = new long[1 << 12];
    private int size;
    private boolean hasZero;

    /** Adds the key; false when it was there. */
    boolean add(long key) {
        if (key == EMPTY) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if (size * 2 >= slots.length) {
            grow();
        }
        return insert(slots, key);
    }

    private boolean insert(long[] table, long key) {
        int mask = table.length - 1;
        int i = (int) (mix(key) & mask);
        while (table[i] != EMPTY) {
            if (table[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = key;
        if (table == slots) {
            size++;
        }
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long key : old) {
            if (key != EMPTY) {
                insert(slots, key);
            }
        }
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }

    void clear() {
        Arrays.fill(slots, EMPTY);
        size = 0;
        hasZero = false;
    }
}
