package nl.mailwijs.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A load client for the one-click unsubscribe endpoint (RFC 8058), at a constant arrival rate:
 * request i is due at {@code start + i / rate}, whether or not earlier ones have been answered,
 * and its latency is counted from that due time, so a server that falls behind shows it (no
 * coordinated omission). Each request runs on a virtual thread; each posts
 * {@code List-Unsubscribe=One-Click} to one unsubscribe URL of the file, each URL once.
 *
 * <pre>
 * java UnsubscribeLoad.java BASE_URL URL_FILE RATE SECONDS [TIMEOUT_SECONDS [OK_FILE]]
 * </pre>
 *
 * OK_FILE receives the URLs answered 200, one per line: what the ledger must hold an objection for.
 *
 * Bounded in count (RATE x SECONDS requests, at most one per URL in the file) and in time (the
 * run, then TIMEOUT_SECONDS for the last answers). Only the JDK is used, so bench/unsubscribe-load.sh
 * runs it from source without a build. Prints the latency distribution and one machine-readable
 * line: {@code RESULT sent ok failed timedOut p50_ms p99_ms max_ms achieved_per_s}.
 */
public final class UnsubscribeLoad {

    private UnsubscribeLoad() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 4) {
            System.err.println("usage: UnsubscribeLoad BASE_URL URL_FILE RATE SECONDS [TIMEOUT_SECONDS [OK_FILE]]");
            System.exit(2);
        }
        String base = args[0].endsWith("/") ? args[0].substring(0, args[0].length() - 1) : args[0];
        List<String> paths = Files.readAllLines(Path.of(args[1])).stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        Duration timeout = Duration.ofSeconds(args.length > 4 ? Integer.parseInt(args[4]) : 10);
        Path okFile = args.length > 5 ? Path.of(args[5]) : null;
        int total = (int) Math.min((long) rate * seconds, paths.size());
        if (total < (long) rate * seconds) {
            System.err.println("load: only " + paths.size() + " URLs for " + rate + "/s x " + seconds + " s: sending " + total);
        }

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        // Latency per request in microseconds from its due time; -1: no answer (timeout or connection failure), -2: never finished.
        AtomicLongArray latency = new AtomicLongArray(total);
        for (int i = 0; i < total; i++) {
            latency.set(i, -2);
        }
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        java.util.concurrent.atomic.AtomicIntegerArray answeredOk = new java.util.concurrent.atomic.AtomicIntegerArray(total);
        AtomicInteger[] statuses = new AtomicInteger[600];
        Arrays.setAll(statuses, i -> new AtomicInteger());

        long start = System.nanoTime() + 50_000_000L;
        long intervalNanos = 1_000_000_000L / rate;
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + paths.get(i)))
                        .timeout(timeout)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                        .build();
                requests.submit(() -> {
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        latency.set(index, (System.nanoTime() - due) / 1_000);
                        statuses[Math.min(599, response.statusCode())].incrementAndGet();
                        (response.statusCode() == 200 ? ok : failed).incrementAndGet();
                        if (response.statusCode() == 200) {
                            answeredOk.set(index, 1);
                        }
                    } catch (java.net.http.HttpTimeoutException e) {
                        latency.set(index, -1);
                        timedOut.incrementAndGet();
                    } catch (IOException e) {
                        latency.set(index, -1);
                        failed.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            requests.shutdown();
            if (!requests.awaitTermination(timeout.toSeconds() + 5, TimeUnit.SECONDS)) {
                System.err.println("load: answers still outstanding after the timeout; left unanswered");
                requests.shutdownNow();
            }
        }
        long elapsedNanos = System.nanoTime() - start;

        if (okFile != null) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < total; i++) {
                if (answeredOk.get(i) == 1) {
                    lines.append(paths.get(i)).append('\n');
                }
            }
            Files.writeString(okFile, lines);
        }
        long[] answered = new long[total];
        int n = 0;
        for (int i = 0; i < total; i++) {
            long micros = latency.get(i);
            if (micros >= 0) {
                answered[n++] = micros;
            }
        }
        answered = Arrays.copyOf(answered, n);
        Arrays.sort(answered);
        double p50 = percentile(answered, 50);
        double p90 = percentile(answered, 90);
        double p99 = percentile(answered, 99);
        double p999 = percentile(answered, 99.9);
        double max = answered.length == 0 ? Double.NaN : answered[answered.length - 1] / 1_000.0;
        double achieved = total / (elapsedNanos / 1e9);
        System.out.printf("load: %d requests at %d/s planned over %d s (interval %d us); %.0f/s achieved over %.1f s%n", total, rate, seconds,
                intervalNanos / 1_000, achieved, elapsedNanos / 1e9);
        System.out.printf("load: latency from due time: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n", p50, p90, p99,
                p999, max);
        StringBuilder codes = new StringBuilder();
        for (int code = 0; code < statuses.length; code++) {
            if (statuses[code].get() > 0) {
                codes.append(' ').append(code).append(':').append(statuses[code].get());
            }
        }
        System.out.printf("load: answers %d ok (200), %d failed, %d timed out; status codes:%s%n", ok.get(), failed.get(), timedOut.get(), codes);
        System.out.printf("RESULT %d %d %d %d %.1f %.1f %.1f %.0f%n", total, ok.get(), failed.get(), timedOut.get(), p50, p99, max, achieved);
    }

    private static double percentile(long[] sortedMicros, double percentile) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, index))] / 1_000.0;
    }
}
