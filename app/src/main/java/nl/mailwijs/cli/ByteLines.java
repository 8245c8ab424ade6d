package nl.mailwijs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ({@code \n} or {@code \r\n}) without decoding them: JSON
 * lines go to a parser that reads UTF-8 bytes itself.
 */
final class ByteLines {

    private static final byte[] NOTHING = new byte[0];

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private boolean exhausted;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** The next line without its line break, or null at the end of the input. */
    byte[] next() throws IOException {
        byte[] carried = NOTHING;
        boolean partial = false;
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    byte[] line = append(carried, i);
                    start = i + 1;
                    return withoutCarriageReturn(line);
                }
            }
            if (end > start) {
                carried = append(carried, end);
                partial = true;
            }
            start = end;
            if (!fill()) {
                return partial ? withoutCarriageReturn(carried) : null;
            }
        }
    }

    /** Whether more input can be had without waiting (bytes buffered, or ready at the source). */
    boolean ready() throws IOException {
        return start < end || (!exhausted && in.available() > 0);
    }

    private byte[] append(byte[] carried, int upTo) {
        int length = upTo - start;
        if (carried.length == 0) {
            return Arrays.copyOfRange(buffer, start, upTo);
        }
        byte[] joined = Arrays.copyOf(carried, carried.length + length);
        System.arraycopy(buffer, start, joined, carried.length, length);
        return joined;
    }

    private boolean fill() throws IOException {
        if (exhausted) {
            return false;
        }
        int read = in.read(buffer, 0, buffer.length);
        if (read < 0) {
            exhausted = true;
            return false;
        }
        start = 0;
        end = read;
        return true;
    }

    private static byte[] withoutCarriageReturn(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r' ? Arrays.copyOf(line, line.length - 1) : line;
    }

    static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
