package nl.mailwijs.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A load client for the one-click unsubscribe endpoint (RFC 8058), at a constant arrival rate:
 * request i is due at {@code start + i / rate}, whether or not earlier ones have been answered,
 * and its latency is counted from that due time, so a server that falls behind shows it (no
 * coordinated omission). Requests go over a fixed set of HTTP/1.1 keep-alive connections
 * ({@value #CONNECTIONS}), each sending the next due request; each posts
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

    private static final int CONNECTIONS = 256;

    private UnsubscribeLoad() {
    }

    /** One keep-alive HTTP/1.1 connection: a request written in one piece, the answer read to its end. */
    private static final class Connection {
        private final java.net.Socket socket;
        private final java.io.BufferedInputStream in;
        private final java.io.OutputStream out;
        /** The server said it closes this connection after the answer (Tomcat does after 100 requests). */
        boolean closing;

        Connection(String host, int port, Duration timeout) throws IOException {
            socket = new java.net.Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new java.net.InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            in = new java.io.BufferedInputStream(socket.getInputStream(), 16384);
            out = socket.getOutputStream();
        }

        int post(String host, int port, String path, String body) throws IOException {
            String request = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                    + "\r\nUser-Agent: mailwijs-unsubscribe-load\r\n\r\n" + body;
            out.write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = line();
            if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
                throw new IOException("no HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            closing = false;
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closing = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().strip().split(";")[0], 16); size > 0; size = Long.parseLong(line().strip().split(";")[0], 16)) {
                    in.skipNBytes(size);
                    line();
                }
                line();
            } else if (length > 0) {
                in.skipNBytes(length);
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) b);
            }
            return line.isEmpty() ? null : line.toString();
        }

        static Connection closeQuietly(Connection connection) {
            if (connection != null) {
                try {
                    connection.socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            return null;
        }
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

        // Latency per request in microseconds from its due time; -1: no answer (timeout or connection failure), -2: never sent.
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

        URI target = URI.create(base);
        String host = target.getHost();
        int port = target.getPort() < 0 ? 80 : target.getPort();
        long start = System.nanoTime() + 50_000_000L;
        long intervalNanos = 1_000_000_000L / rate;
        long deadline = start + (long) seconds * 1_000_000_000L + timeout.toNanos();
        AtomicInteger next = new AtomicInteger();
        // The wrk2 model: a fixed set of keep-alive connections, each sending the next request when it
        // is due (or at once, when it is late); the JDK's HttpClient cost more CPU per request than the
        // server on this 2-core machine. CONNECTIONS bounds the requests in flight.
        Thread[] connections = new Thread[CONNECTIONS];
        for (int c = 0; c < CONNECTIONS; c++) {
            connections[c] = Thread.ofPlatform().name("load-" + c).start(() -> {
                Connection connection = null;
                for (int index = next.getAndIncrement(); index < total; index = next.getAndIncrement()) {
                    long due = start + index * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (System.nanoTime() > deadline) {
                        timedOut.incrementAndGet();
                        latency.set(index, -1);
                        continue;
                    }
                    try {
                        if (connection == null) {
                            connection = new Connection(host, port, timeout);
                        }
                        int status = connection.post(host, port, paths.get(index), "List-Unsubscribe=One-Click");
                        if (connection.closing) {
                            connection = Connection.closeQuietly(connection);
                        }
                        latency.set(index, (System.nanoTime() - due) / 1_000);
                        statuses[Math.min(599, status)].incrementAndGet();
                        (status == 200 ? ok : failed).incrementAndGet();
                        if (status == 200) {
                            answeredOk.set(index, 1);
                        }
                    } catch (java.net.SocketTimeoutException e) {
                        latency.set(index, -1);
                        timedOut.incrementAndGet();
                        connection = Connection.closeQuietly(connection);
                    } catch (IOException e) {
                        latency.set(index, -1);
                        failed.incrementAndGet();
                        connection = Connection.closeQuietly(connection);
                    }
                }
                Connection.closeQuietly(connection);
            });
        }
        for (Thread connection : connections) {
            connection.join();
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
