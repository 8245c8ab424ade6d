package nl.mailwijs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ({@code \n} or {@code \r\n}) without decoding them: JSON
 * lines go to a parser that reads UTF-8 bytes itself. A line longer than
 * {@link #MAX_LINE_BYTES} is skipped and reported as {@link #TOO_LONG}, so one runaway line
 * cannot exhaust the memory.
 */
final class ByteLines {

    static final int MAX_LINE_BYTES = 16 << 20;
    /** Returned (compare by identity) in place of a line that was too long. */
    static final byte[] TOO_LONG = new byte[0];

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private boolean exhausted;
    private byte[] partial = new byte[256];
    private int partialLength;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** The next line without its line break, {@link #TOO_LONG}, or null at the end of the input. */
    byte[] next() throws IOException {
        partialLength = 0;
        boolean started = false;
        boolean tooLong = false;
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    tooLong |= !keep(i);
                    start = i + 1;
                    return tooLong ? TOO_LONG : line();
                }
            }
            if (end > start) {
                started = true;
                tooLong |= !keep(end);
            }
            start = end;
            if (!fill()) {
                return !started ? null : tooLong ? TOO_LONG : line();
            }
        }
    }

    /** Adds buffer[start..upTo) to the line unless it grew too long; false once it has. */
    private boolean keep(int upTo) {
        int length = upTo - start;
        if (partialLength + length > MAX_LINE_BYTES) {
            partialLength = MAX_LINE_BYTES + 1;
            return false;
        }
        if (partialLength + length > partial.length) {
            // Doubling keeps a long line linear to read.
            partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + length));
        }
        System.arraycopy(buffer, start, partial, partialLength, length);
        partialLength += length;
        return true;
    }

    private byte[] line() {
        int length = partialLength > 0 && partial[partialLength - 1] == '\r' ? partialLength - 1 : partialLength;
        return Arrays.copyOf(partial, length);
    }

    /** Whether more input can be had without waiting (bytes buffered, or ready at the source). */
    boolean ready() throws IOException {
        return start < end || (!exhausted && in.available() > 0);
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

    static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
