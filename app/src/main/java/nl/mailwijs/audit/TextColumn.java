package nl.mailwijs.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Many short strings (order ids, contact ids) kept as UTF-8 bytes in one array. A million
 * ids cost about 13 bytes each here instead of about 56 as {@code String} objects, which is
 * what keeps the evidence of a large customer file well inside the heap.
 */
final class TextColumn {

    private byte[] bytes = new byte[1 << 12];
    private int[] ends = new int[1 << 8];
    private int size;

    /** Appends the text and returns its index. */
    int add(String text) {
        return add(text.getBytes(StandardCharsets.UTF_8));
    }

    int add(byte[] utf8) {
        int start = size == 0 ? 0 : ends[size - 1];
        if (start + utf8.length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, start + utf8.length));
        }
        System.arraycopy(utf8, 0, bytes, start, utf8.length);
        if (size == ends.length) {
            ends = Arrays.copyOf(ends, size * 2);
        }
        ends[size] = start + utf8.length;
        return size++;
    }

    /** Appends the text at an index of another column, without decoding it. */
    int addFrom(TextColumn other, int index) {
        int start = other.start(index);
        return add(Arrays.copyOfRange(other.bytes, start, other.ends[index]));
    }

    String get(int index) {
        int start = start(index);
        return new String(bytes, start, ends[index] - start, StandardCharsets.UTF_8);
    }

    boolean equalsAt(int index, byte[] utf8) {
        int start = start(index);
        return Arrays.equals(bytes, start, ends[index], utf8, 0, utf8.length);
    }

    int size() {
        return size;
    }

    private int start(int index) {
        return index == 0 ? 0 : ends[index - 1];
    }
}
