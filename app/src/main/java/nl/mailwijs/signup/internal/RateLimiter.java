package nl.mailwijs.signup.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets in memory, one per key (an IP address, a form): {@code capacity} requests at
 * once, refilled evenly over {@code period}. Per process: with several nodes each allows its own
 * share, which is enough against a bot on one form. Buckets that have filled up again are
 * dropped when the map grows large, so memory stays bounded whatever the number of addresses.
 */
final class RateLimiter {

    /** The answer for one request: allowed, or how long until the next token. */
    record Verdict(boolean allowed, Duration retryAfter) {
    }

    private static final int MAX_BUCKETS = 100_000;

    private final int capacity;
    private final double nanosPerToken;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(int capacity, Duration period, Clock clock) {
        this.capacity = capacity;
        this.nanosPerToken = (double) period.toNanos() / capacity;
        this.clock = clock;
    }

    Verdict take(String key) {
        long now = nanos();
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.values().removeIf(bucket -> bucket.fullAt(now, capacity, nanosPerToken));
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.refill(now, capacity, nanosPerToken);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return new Verdict(true, Duration.ZERO);
            }
            long wait = (long) Math.ceil((1 - bucket.tokens) * nanosPerToken);
            return new Verdict(false, Duration.ofNanos(wait));
        }
    }

    private long nanos() {
        var instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.updated = now;
        }

        void refill(long now, int capacity, double nanosPerToken) {
            if (now > updated) {
                tokens = Math.min(capacity, tokens + (now - updated) / nanosPerToken);
                updated = now;
            }
        }

        synchronized boolean fullAt(long now, int capacity, double nanosPerToken) {
            return tokens + (now - updated) / nanosPerToken >= capacity;
        }
    }
}
