package nl.mailwijs.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A load client for the one-click unsubscribe endpoint (RFC 8058), at a constant arrival rate:
 * request i is due at {@code start + i / rate}, whether or not earlier ones have been answered,
 * and its latency is counted from that due time, so a server that falls behind shows it (no
 * coordinated omission). Requests go over a fixed set of HTTP/1.1 keep-alive connections
 * ({@value #CONNECTIONS}, the most requests in flight), each posting
 * {@code List-Unsubscribe=One-Click} to one unsubscribe URL of the file, each URL once.
 *
 * <pre>
 * java UnsubscribeLoad.java BASE_URL URL_FILE RATE SECONDS [TIMEOUT_SECONDS [OK_FILE]]
 * </pre>
 *
 * OK_FILE receives the URLs answered 200, one per line: what the ledger must hold an objection for.
 *
 * <p>One thread drives every connection through a selector (the wrk model): the client shares
 * the machine with the server and its database, and a thread per connection cost it about as
 * much CPU as the server spent on the request. The selector wakes at least every millisecond, so
 * a request may go out up to a millisecond after it is due; that time counts in its latency.
 *
 * <p>Bounded in count (RATE x SECONDS requests, at most one per URL in the file) and in time (the
 * run, then TIMEOUT_SECONDS for the last answers). Only the JDK is used, so bench/unsubscribe-load.sh
 * runs it from source without a build. Prints the latency distribution, the p99 of each second,
 * and one machine-readable line: {@code RESULT sent ok failed timedOut p50_ms p99_ms max_ms achieved_per_s}.
 */
public final class UnsubscribeLoad {

    private static final int CONNECTIONS = 256;
    private static final long NOT_ANSWERED = -1;
    private static final long NOT_SENT = -2;

    private UnsubscribeLoad() {
    }

    /** One keep-alive HTTP/1.1 connection and the request it has in flight, if any. */
    private static final class Connection {
        final SocketChannel channel;
        final SelectionKey key;
        ByteBuffer received = ByteBuffer.allocate(4096);
        int index = -1;
        long due;

        Connection(Selector selector, InetSocketAddress address) throws IOException {
            channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(address);
            channel.configureBlocking(false);
            key = channel.register(selector, SelectionKey.OP_READ, this);
        }

        boolean busy() {
            return index >= 0;
        }

        void close() {
            key.cancel();
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** A whole answer read off a connection. */
    private record Answer(int status, boolean closing) {
    }

    public static void main(String[] args) throws IOException {
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
        URI target = URI.create(base);
        String host = target.getHost();
        int port = target.getPort() < 0 ? 80 : target.getPort();
        InetSocketAddress address = new InetSocketAddress(host, port);
        byte[][] requests = new byte[total][];
        for (int i = 0; i < total; i++) {
            String body = "List-Unsubscribe=One-Click";
            requests[i] = ("POST " + paths.get(i) + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                    + "\r\nUser-Agent: mailwijs-unsubscribe-load\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
        }

        // Latency per request in microseconds from its due time, or NOT_ANSWERED / NOT_SENT.
        long[] latency = new long[total];
        Arrays.fill(latency, NOT_SENT);
        boolean[] answeredOk = new boolean[total];
        int[] statuses = new int[600];
        int ok = 0;
        int failed = 0;
        int timedOut = 0;

        Selector selector = Selector.open();
        ArrayDeque<Connection> idle = new ArrayDeque<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            idle.add(new Connection(selector, address));
        }
        long start = System.nanoTime() + 50_000_000L;
        long deadline = start + (long) seconds * 1_000_000_000L + timeout.toNanos();
        long timeoutNanos = timeout.toNanos();
        int next = 0;
        int finished = 0;
        java.util.List<Connection> all = new java.util.ArrayList<>(idle);
        while (finished < total) {
            long now = System.nanoTime();
            if (now > deadline) {
                break;
            }
            while (next < total && start + next * 1_000_000_000L / rate <= now && !idle.isEmpty()) {
                Connection connection = idle.poll();
                connection.index = next;
                connection.due = start + next * 1_000_000_000L / rate;
                ByteBuffer request = ByteBuffer.wrap(requests[next]);
                next++;
                try {
                    while (request.hasRemaining()) {
                        connection.channel.write(request);
                    }
                } catch (IOException e) {
                    latency[connection.index] = NOT_ANSWERED;
                    failed++;
                    finished++;
                    all.remove(connection);
                    connection.close();
                    Connection fresh = new Connection(selector, address);
                    all.add(fresh);
                    idle.add(fresh);
                }
            }
            long untilDue = next < total ? start + next * 1_000_000_000L / rate - System.nanoTime() : 1_000_000L;
            if (untilDue > 0 || idle.isEmpty()) {
                selector.select(Math.max(1, Math.min(1_000, untilDue / 1_000_000L)));
            } else {
                selector.selectNow();
            }
            for (SelectionKey key : selector.selectedKeys()) {
                Connection connection = (Connection) key.attachment();
                Answer answer;
                try {
                    answer = read(connection);
                } catch (IOException e) {
                    answer = new Answer(-1, true);
                }
                if (answer == null) {
                    continue;
                }
                if (connection.busy()) {
                    long micros = (System.nanoTime() - connection.due) / 1_000;
                    if (answer.status() == 200) {
                        latency[connection.index] = micros;
                        answeredOk[connection.index] = true;
                        ok++;
                    } else {
                        latency[connection.index] = answer.status() < 0 ? NOT_ANSWERED : micros;
                        failed++;
                    }
                    if (answer.status() >= 0) {
                        statuses[Math.min(599, answer.status())]++;
                    }
                    finished++;
                    connection.index = -1;
                }
                if (answer.closing()) {
                    all.remove(connection);
                    connection.close();
                    Connection fresh = new Connection(selector, address);
                    all.add(fresh);
                    idle.add(fresh);
                } else {
                    idle.add(connection);
                }
            }
            selector.selectedKeys().clear();
            // A request without an answer for TIMEOUT_SECONDS: counted, its connection replaced.
            long late = System.nanoTime() - timeoutNanos;
            for (int c = 0; c < all.size(); c++) {
                Connection connection = all.get(c);
                if (connection.busy() && connection.due < late) {
                    latency[connection.index] = NOT_ANSWERED;
                    timedOut++;
                    finished++;
                    connection.close();
                    Connection fresh = new Connection(selector, address);
                    all.set(c, fresh);
                    idle.add(fresh);
                }
            }
        }
        long elapsedNanos = System.nanoTime() - start;
        for (Connection connection : all) {
            if (connection.busy()) {
                latency[connection.index] = NOT_ANSWERED;
                timedOut++;
            }
            connection.close();
        }
        timedOut += total - next;

        if (okFile != null) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < total; i++) {
                if (answeredOk[i]) {
                    lines.append(paths.get(i)).append('\n');
                }
            }
            Files.writeString(okFile, lines);
        }
        long[] answered = Arrays.stream(latency).filter(micros -> micros >= 0).sorted().toArray();
        double achieved = total / (elapsedNanos / 1e9);
        System.out.printf(Locale.ROOT, "load: %d requests at %d/s planned over %d s (interval %d us); %.0f/s achieved over %.1f s%n", total,
                rate, seconds, 1_000_000 / rate, achieved, elapsedNanos / 1e9);
        System.out.printf(Locale.ROOT, "load: latency from due time: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
                percentile(answered, 50), percentile(answered, 90), percentile(answered, 99), percentile(answered, 99.9),
                percentile(answered, 100));
        StringBuilder perSecond = new StringBuilder();
        for (int second = 0; second * rate < total; second++) {
            int from = second * rate;
            long[] within = Arrays.stream(latency, from, Math.min(total, from + rate)).filter(micros -> micros >= 0).sorted().toArray();
            perSecond.append(String.format(Locale.ROOT, " %.0f", percentile(within, 99)));
        }
        System.out.println("load: p99 of each second, ms:" + perSecond);
        StringBuilder codes = new StringBuilder();
        for (int code = 0; code < statuses.length; code++) {
            if (statuses[code] > 0) {
                codes.append(' ').append(code).append(':').append(statuses[code]);
            }
        }
        System.out.printf(Locale.ROOT, "load: answers %d ok (200), %d failed, %d timed out; status codes:%s%n", ok, failed, timedOut, codes);
        System.out.printf(Locale.ROOT, "RESULT %d %d %d %d %.1f %.1f %.1f %.0f%n", total, ok, failed, timedOut, percentile(answered, 50),
                percentile(answered, 99), percentile(answered, 100), achieved);
    }

    /**
     * Reads what arrived; the answer once it is whole (its headers, and its body by Content-Length
     * or chunks), else null. A connection the server closed answers status -1.
     */
    private static Answer read(Connection connection) throws IOException {
        ByteBuffer buffer = connection.received;
        if (!buffer.hasRemaining()) {
            buffer = connection.received = ByteBuffer.allocate(buffer.capacity() * 2).put(buffer.flip());
        }
        if (connection.channel.read(buffer) < 0) {
            return new Answer(-1, true);
        }
        byte[] bytes = buffer.array();
        int length = buffer.position();
        int headersEnd = indexOf(bytes, length, "\r\n\r\n", 0);
        if (headersEnd < 0) {
            return null;
        }
        String headers = new String(bytes, 0, headersEnd, StandardCharsets.ISO_8859_1);
        if (!headers.startsWith("HTTP/1.1 ")) {
            throw new IOException("no HTTP answer: " + headers.lines().findFirst().orElse(""));
        }
        int status = Integer.parseInt(headers.substring(9, 12));
        String lower = headers.toLowerCase(Locale.ROOT);
        boolean closing = lower.contains("\r\nconnection: close");
        int bodyStart = headersEnd + 4;
        int end;
        int lengthAt = lower.indexOf("\r\ncontent-length:");
        if (lengthAt >= 0) {
            int lineEnd = lower.indexOf("\r\n", lengthAt + 2);
            end = bodyStart + Integer.parseInt(lower.substring(lengthAt + 17, lineEnd < 0 ? lower.length() : lineEnd).strip());
        } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
            end = chunkedEnd(bytes, length, bodyStart);
        } else {
            end = bodyStart;
        }
        if (end < 0 || end > length) {
            return null;
        }
        buffer.clear();
        return new Answer(status, closing);
    }

    /** Where a chunked body ends, or -1 while it is incomplete. */
    private static int chunkedEnd(byte[] bytes, int length, int from) {
        int at = from;
        while (true) {
            int lineEnd = indexOf(bytes, length, "\r\n", at);
            if (lineEnd < 0) {
                return -1;
            }
            int size = Integer.parseInt(new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip(), 16);
            at = lineEnd + 2 + size + 2;
            if (size == 0) {
                return at <= length ? at : -1;
            }
            if (at > length) {
                return -1;
            }
        }
    }

    private static int indexOf(byte[] bytes, int length, String what, int from) {
        outer:
        for (int i = from; i <= length - what.length(); i++) {
            for (int j = 0; j < what.length(); j++) {
                if (bytes[i + j] != what.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static double percentile(long[] sortedMicros, double percentile) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, index))] / 1_000.0;
    }
}
