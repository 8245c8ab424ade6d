package nl.mailwijs.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.net.ssl.SSLSocketFactory;

import nl.mailwijs.delivery.internal.Pacer;
import nl.mailwijs.delivery.internal.SmtpConnection;

/**
 * Sends built messages over a small pool of SMTP connections that stay open across messages
 * (a small client of our own that pipelines MAIL, RCPT and DATA when the relay offers
 * PIPELINING, RFC 2920), reconnecting after a failure, and classifies every outcome: {@link SendStatus#SENT}
 * on 2xx, {@link SendStatus#DEFERRED} on 4xx, connection failures and timeouts, {@link
 * SendStatus#FAILED} on 5xx, always with the reply code and text. Rate limits (overall and per
 * recipient domain) are waited for before a connection is taken, so a throttled domain never
 * holds a connection idle. Connect, read and write timeouts bound every step, so a stalling
 * server holds up only the one connection it stalls.
 *
 * <p>Thread-safe; {@link #sendAll} sends in runs over the connections it takes (one virtual thread
 * per message when rate limits apply). Never
 * throws for a send: every problem becomes a result. A DEFERRED message may have been accepted
 * after all (a connection lost after DATA), so the outbox must tolerate a rare duplicate on retry.
 */
public final class SmtpSender implements AutoCloseable {

    /** Messages a run over one connection should have before sendAll takes another free connection for the rest. */
    static final int MESSAGES_PER_RUN = 5;

    /** A reused connection idle this long gets a NOOP first: servers drop idle clients. */
    private static final long IDLE_CHECK_NANOS = 10_000_000_000L;

    private final SmtpSettings settings;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();
    private final Pacer overall;
    private final ConcurrentHashMap<String, Pacer> perDomain = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile String heloName;
    /**
     * Platform threads for the runs beyond the caller's own: a wait for a reply is then one blocking
     * read, where a virtual thread registers with the poller and is woken through it each time.
     * At most one per connection is busy (each run holds one); idle ones end after a minute.
     */
    private final ExecutorService runners = Executors.newCachedThreadPool(Thread.ofPlatform().name("smtp-run-", 0).daemon().factory());
    private final SSLSocketFactory tlsSockets;

    public SmtpSender(SmtpSettings settings) {
        this(settings, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** For tests against a TLS server with a certificate of their own. */
    SmtpSender(SmtpSettings settings, SSLSocketFactory tlsSockets) {
        this.settings = settings;
        this.tlsSockets = tlsSockets;
        this.idle = new ArrayBlockingQueue<>(settings.connections());
        for (int i = 0; i < settings.connections(); i++) {
            Connection connection = new Connection(i);
            all.add(connection);
            idle.add(connection);
        }
        this.overall = settings.messagesPerSecond() > 0 ? new Pacer(settings.messagesPerSecond()) : null;
        this.heloName = settings.heloName();
        Thread.ofVirtual().name("smtp-stall-watchdog").start(this::watchStalls);
    }

    public SmtpSettings settings() {
        return settings;
    }

    /** Sends one message, waiting for the rate limits and a free connection. */
    public SendResult send(BuiltMessage message) {
        if (settings.relays().isEmpty()) {
            return new SendResult(message.messageId(), message.recipient(), SendStatus.DEFERRED, 0,
                    "no SMTP relay is configured and the mail catcher is not running", null);
        }
        String unsafe = unsafeEnvelope(message);
        if (unsafe != null) {
            return new SendResult(message.messageId(), message.recipient(), SendStatus.FAILED, 0, unsafe, null);
        }
        Connection connection = null;
        try {
            if (settings.messagesPerSecondPerDomain() > 0) {
                perDomain.computeIfAbsent(message.recipientDomain(), domain -> new Pacer(settings.messagesPerSecondPerDomain())).acquire();
            }
            if (overall != null) {
                overall.acquire();
            }
            connection = idle.take();
            return connection.send(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult(message.messageId(), message.recipient(), SendStatus.DEFERRED, 0, "interrupted before sending", null);
        } finally {
            if (connection != null) {
                idle.add(connection);
            }
        }
    }

    /**
     * The envelope goes into SMTP command lines as it is: a line break there would be a command of
     * its own. MessageBuilder never makes such an address; a BuiltMessage made elsewhere might.
     */
    private static String unsafeEnvelope(BuiltMessage message) {
        for (String address : new String[] {message.envelopeFrom(), message.recipient()}) {
            for (int i = 0; i < address.length(); i++) {
                char c = address.charAt(i);
                if (c <= ' ' || c >= 0x7F || c == '<' || c == '>') {
                    return "not a plain ASCII address for the SMTP envelope: " + address.replaceAll("\\p{Cntrl}", "?");
                }
            }
        }
        return null;
    }

    /**
     * Sends all messages over the pool; the results are in the order of the messages. Without rate
     * limits they go in runs, one per connection taken (a free one, waited for, and as many more as
     * are free now, for at least {@link #MESSAGES_PER_RUN} messages each): on a server with PIPELINING
     * a run costs one write and one wait per message ({@link SmtpConnection#sendRun}), and the first
     * run is sent by the calling thread itself. With rate limits every message waits for its turn
     * on its own virtual thread before it takes a connection, so a throttled domain holds none idle.
     */
    public List<SendResult> sendAll(List<BuiltMessage> messages) {
        if (settings.relays().isEmpty() || overall != null || settings.messagesPerSecondPerDomain() > 0) {
            return sendEach(messages);
        }
        SendResult[] results = new SendResult[messages.size()];
        List<Integer> sendable = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            String unsafe = unsafeEnvelope(messages.get(i));
            if (unsafe == null) {
                sendable.add(i);
            } else {
                results[i] = new SendResult(messages.get(i).messageId(), messages.get(i).recipient(), SendStatus.FAILED, 0, unsafe, null);
            }
        }
        List<Connection> taken = new ArrayList<>();
        try {
            if (!sendable.isEmpty()) {
                taken.add(idle.take());
            }
            Connection free;
            while (taken.size() * MESSAGES_PER_RUN < sendable.size() && (free = idle.poll()) != null) {
                taken.add(free);
            }
            int runs = taken.size();
            List<Future<?>> others = new ArrayList<>(Math.max(0, runs - 1));
            try {
                for (int run = runs - 1; run >= 0; run--) {
                    List<Integer> ofRun = sendable.subList(run * sendable.size() / runs, (run + 1) * sendable.size() / runs);
                    Connection connection = taken.get(run);
                    Runnable send = () -> {
                        SendResult[] sent = connection.sendRun(ofRun.stream().map(messages::get).toList());
                        for (int k = 0; k < sent.length; k++) {
                            results[ofRun.get(k)] = sent[k];
                        }
                    };
                    if (run == 0) {
                        send.run();
                    } else {
                        try {
                            others.add(runners.submit(send));
                        } catch (java.util.concurrent.RejectedExecutionException closing) {
                            send.run();
                        }
                    }
                }
            } finally {
                awaitAll(others);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            idle.addAll(taken);
        }
        List<SendResult> all = new ArrayList<>(results.length);
        for (int i = 0; i < results.length; i++) {
            BuiltMessage message = messages.get(i);
            all.add(results[i] != null ? results[i]
                    : new SendResult(message.messageId(), message.recipient(), SendStatus.DEFERRED, 0, "not sent: interrupted or failed before sending", null));
        }
        return all;
    }

    /** Waits for the runs on other threads even when interrupted: their connections go back to the pool only once they are done. */
    private static void awaitAll(List<Future<?>> runs) {
        boolean interrupted = false;
        for (Future<?> run : runs) {
            while (true) {
                try {
                    run.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    // The run's messages that got no result are reported as not sent.
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every message on a virtual thread of its own, each waiting for the rate limits and a connection. */
    private List<SendResult> sendEach(List<BuiltMessage> messages) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SendResult>> futures = new ArrayList<>(messages.size());
            for (BuiltMessage message : messages) {
                futures.add(executor.submit(() -> send(message)));
            }
            List<SendResult> results = new ArrayList<>(messages.size());
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    BuiltMessage message = messages.get(i);
                    results.add(new SendResult(message.messageId(), message.recipient(), SendStatus.DEFERRED, 0,
                            "internal error: " + e.getCause(), null));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DeliveryException("interrupted while sending", e);
                }
            }
            return results;
        }
    }

    /** Closes every open connection (QUIT without waiting for the reply). */
    @Override
    public void close() {
        closed = true;
        runners.shutdown();
        for (Connection connection : all) {
            synchronized (connection) {
                connection.disconnect();
            }
        }
    }

    /**
     * Closes the socket of a write stalled longer than the write timeout (a blocking write has no
     * timeout) and of a read waiting longer than the read timeout (reads have no socket timeout:
     * see {@link SmtpConnection}). Checks a few times per timeout, so the bound is the timeout plus
     * a fraction of it.
     */
    private void watchStalls() {
        long period = Math.max(50, Math.min(1_000, Math.min(settings.readTimeout().toMillis(), settings.writeTimeout().toMillis()) / 4));
        while (!closed) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Connection connection : all) {
                SmtpConnection smtp = connection.smtp;
                if (smtp != null) {
                    smtp.abortIfStalled(now);
                }
            }
        }
    }

    private String heloName() {
        String name = heloName;
        if (name == null) {
            try {
                name = InetAddress.getLocalHost().getCanonicalHostName();
            } catch (IOException e) {
                name = "localhost";
            }
            // An EHLO argument is a domain or an address literal (RFC 5321 4.1.4).
            if (name.indexOf(':') >= 0 || name.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                name = "[" + (name.indexOf(':') >= 0 ? "IPv6:" + name : name) + "]";
            }
            heloName = name;
        }
        return name;
    }

    /** One pooled SMTP connection; used by one sender at a time (it is taken from the queue). */
    private final class Connection {

        private int relayIndex;
        /** Read without the lock by the write watchdog. */
        private volatile SmtpConnection smtp;
        private long lastUsed;
        private boolean needsReset;

        Connection(int index) {
            this.relayIndex = index % Math.max(1, settings.relays().size());
        }

        SendResult send(BuiltMessage message) {
            return sendRun(List.of(message))[0];
        }

        /**
         * The messages over this connection, one run after the other ({@link SmtpConnection#sendRun}):
         * after a run that stopped early (a refusal, a 421, a broken connection) the rest go on in a
         * new one, on this connection or a new one. The message under way when the connection broke
         * is deferred; it may have been accepted all the same.
         */
        synchronized SendResult[] sendRun(List<BuiltMessage> messages) {
            SendResult[] results = new SendResult[messages.size()];
            int next = 0;
            while (next < messages.size()) {
                SmtpRelay relay = settings.relays().get(relayIndex);
                // Nothing has been sent before a connection stands, so trying the next relay at once
                // cannot send a message twice.
                for (int attempt = 1; ; attempt++) {
                    try {
                        connect(relay);
                        break;
                    } catch (IOException | RuntimeException e) {
                        disconnect();
                        relayIndex = (relayIndex + 1) % settings.relays().size();
                        if (attempt >= settings.relays().size()) {
                            for (int i = next; i < messages.size(); i++) {
                                results[i] = deferred(messages.get(i), e, relay);
                            }
                            return results;
                        }
                        relay = settings.relays().get(relayIndex);
                    }
                }
                String where = relay.host() + ":" + relay.port();
                List<SmtpConnection.Transaction> run = new ArrayList<>(messages.size() - next);
                for (BuiltMessage message : messages.subList(next, messages.size())) {
                    run.add(new SmtpConnection.Transaction(message.envelopeFrom(), message.recipient(), message.bytes()));
                }
                List<SmtpConnection.Reply> replies = new ArrayList<>(run.size());
                try {
                    smtp.sendRun(run, replies);
                    next = record(messages, next, replies, results, where);
                    lastUsed = System.nanoTime();
                    if (smtp.closed()) {
                        // 421: the server is closing this connection.
                        smtp = null;
                    } else {
                        // Only the final reply to the data ends a transaction; after any other the
                        // server may still hold MAIL or RCPT state.
                        needsReset = !replies.getLast().positive();
                    }
                } catch (IOException | RuntimeException e) {
                    // No sane reply (dropped, timed out): start afresh for the rest.
                    next = record(messages, next, replies, results, where);
                    if (next < messages.size()) {
                        results[next] = deferred(messages.get(next), e, relay);
                        next++;
                    }
                    smtp.abort();
                    smtp = null;
                }
            }
            return results;
        }

        /** The outcomes of the replies of a run that began at {@code from}; returns where the next run begins. */
        private static int record(List<BuiltMessage> messages, int from, List<SmtpConnection.Reply> replies, SendResult[] results,
                                  String where) {
            for (SmtpConnection.Reply reply : replies) {
                BuiltMessage message = messages.get(from);
                SendStatus status = reply.code() >= 500 ? SendStatus.FAILED : reply.code() >= 400 ? SendStatus.DEFERRED : SendStatus.SENT;
                results[from++] = new SendResult(message.messageId(), message.recipient(), status, reply.code(), reply.text().strip(), where);
            }
            return from;
        }

        private void connect(SmtpRelay relay) throws IOException {
            SmtpConnection current = smtp;
            if (current != null && !current.closed()) {
                // A round trip to check the connection only when there is a reason to doubt it
                // (an error, a long idle), not before every message.
                boolean usable;
                if (needsReset) {
                    usable = current.reset();
                } else {
                    usable = System.nanoTime() - lastUsed <= IDLE_CHECK_NANOS || current.alive();
                }
                needsReset = false;
                if (usable) {
                    return;
                }
            }
            disconnect();
            smtp = SmtpConnection.open(relay, heloName(), settings.connectTimeout(), settings.readTimeout(), settings.writeTimeout(), tlsSockets);
            lastUsed = System.nanoTime();
            needsReset = false;
        }

        void disconnect() {
            SmtpConnection current = smtp;
            if (current != null) {
                current.close();
                smtp = null;
            }
        }
    }

    private static SendResult deferred(BuiltMessage message, Exception failure, SmtpRelay relay) {
        String what = failure instanceof SmtpConnection.SetupException ? failure.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return new SendResult(message.messageId(), message.recipient(), SendStatus.DEFERRED, 0, "connection failed: " + what,
                relay.host() + ":" + relay.port());
    }
}
