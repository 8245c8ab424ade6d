package nl.mailwijs.audit;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on standard error, for a person at a terminal waiting on a large
 * file. Progress is measured in bytes, since a file's size is known before its rows are.
 * Redrawn at most ten times a second: drawing on every row would cost more than the audit.
 */
class ProgressBar {

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;
    /** Looking at the clock is cheap, but not free; a million rows need only a few thousand looks. */
    private static final int ROWS_PER_CLOCK_CHECK = 256;

    private final PrintStream err;
    private final long totalBytes;
    private final LongSupplier bytesDone;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private int sinceCheck;
    private int lastLength;

    ProgressBar(PrintStream err, long totalBytes, LongSupplier bytesDone) {
        this.err = err;
        this.totalBytes = Math.max(1, totalBytes);
        this.bytesDone = bytesDone;
    }

    /** A bar that draws nothing, for when standard error is not a terminal. */
    static ProgressBar none() {
        return new ProgressBar(null, 1, () -> 0) {
            @Override
            void tick(String what, long rows) {
            }

            @Override
            void finish() {
            }
        };
    }

    /** Called after each row; draws when enough time has passed. */
    void tick(String what, long rows) {
        if (++sinceCheck < ROWS_PER_CLOCK_CHECK) {
            return;
        }
        sinceCheck = 0;
        long now = System.nanoTime();
        if (now - lastDrawNanos < REDRAW_NANOS) {
            return;
        }
        lastDrawNanos = now;
        draw(what, rows, now);
    }

    private void draw(String what, long rows, long now) {
        double fraction = Math.min(1.0, (double) bytesDone.getAsLong() / totalBytes);
        int filled = (int) Math.round(fraction * WIDTH);
        long seconds = (now - startNanos) / 1_000_000_000L;
        String line = String.format("  [%s%s] %3d%%  %s, %,d rows  %d:%02d",
                "#".repeat(filled), ".".repeat(WIDTH - filled), Math.round(fraction * 100), what, rows, seconds / 60, seconds % 60);
        // Pad over a longer previous line: a shorter file name must not leave its tail behind.
        String padding = " ".repeat(Math.max(0, lastLength - line.length()));
        lastLength = line.length();
        err.print("\r" + line + padding);
        err.flush();
    }

    /** Clears the bar, so what is printed next starts on a clean line. */
    void finish() {
        if (lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }
}
