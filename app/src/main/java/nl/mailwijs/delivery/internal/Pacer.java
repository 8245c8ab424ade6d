package nl.mailwijs.delivery.internal;

import java.time.Duration;

/**
 * Spaces events at least {@code 1/rate} seconds apart: a rate limit without bursts, which is what
 * receiving servers that throttle per second expect. Callers wait outside any lock.
 */
public final class Pacer {

    private final long intervalNanos;
    private long next;

    /** @param perSecond events per second, more than 0 */
    public Pacer(double perSecond) {
        this.intervalNanos = Math.max(1, (long) (1_000_000_000L / perSecond));
        this.next = System.nanoTime();
    }

    /** Waits for this caller's slot. */
    public void acquire() throws InterruptedException {
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, next);
            next = slot + intervalNanos;
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }
}
