package nl.mailwijs.inbox.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mailwijs.inbox.InboundMailbox;
import nl.mailwijs.inbox.InboundSource;
import nl.mailwijs.inbox.ReceivedMessage;

/**
 * The inbound mailbox's SMTP listener (RFC 5321): receives bounces, complaints and unsubscribe
 * mails, for any recipient, and never relays. A message is stored before the 250 that accepts it,
 * then processed on the same connection. Meant to sit behind the domain's mail server (or on a
 * port it forwards to), on 127.0.0.1 by default; it offers no STARTTLS and no AUTH.
 *
 * <p>Bounded in every direction: connections ({@code max-connections}; more get 421), recipients per
 * message (100), command line length (1,000 octets as RFC 5321 4.5.3.1.4 allows, a little more
 * tolerated), errors per session (10), time per read ({@code timeout}) and per message (10 minutes).
 * A message larger than {@code max-message-size} is read to its end but kept only up to that
 * size, stored flagged as truncated and processed: an unsubscribe with a large attachment is
 * still an unsubscribe. Only beyond four times that size is it refused (552), in SIZE and in DATA.
 */
public final class SmtpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpListener.class);
    static final int MAX_RECIPIENTS = 100;
    static final int MAX_COMMAND_LINE = 2_048;
    static final int MAX_ERRORS = 10;
    static final Duration MAX_DATA_TIME = Duration.ofMinutes(10);
    /** What {@code readCommand} returns for a line that was too long (and already answered). */
    private static final String TOO_LONG = new String("line too long");

    private final InboundMailbox mailbox;
    private final String bindAddress;
    private final int requestedPort;
    private final String hostname;
    private final int maxConnections;
    private final Duration timeout;
    private final ThreadPoolExecutor sessions;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean closed;
    private Thread acceptor;

    public SmtpListener(InboundMailbox mailbox, String bindAddress, int port, String hostname, int maxConnections, Duration timeout) {
        this.mailbox = mailbox;
        this.bindAddress = bindAddress;
        this.requestedPort = port;
        this.hostname = hostname;
        this.maxConnections = maxConnections;
        this.timeout = timeout;
        AtomicInteger threads = new AtomicInteger();
        this.sessions = new ThreadPoolExecutor(0, maxConnections, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> Thread.ofPlatform().name("mailwijs-inbound-smtp-" + threads.incrementAndGet()).daemon().unstarted(task));
    }

    /** Binds the port and starts accepting; throws when the port cannot be had. */
    public synchronized SmtpListener start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), requestedPort), 50);
        server = socket;
        acceptor = Thread.ofPlatform().name("mailwijs-inbound-smtp-accept").daemon().start(this::accept);
        return this;
    }

    /** The port it listens on (the real one when 0 was asked for); -1 before {@link #start()}. */
    public int port() {
        ServerSocket socket = server;
        return socket == null ? -1 : socket.getLocalPort();
    }

    public String bindAddress() {
        return bindAddress;
    }

    public boolean running() {
        return server != null && !closed;
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("inbound SMTP: accepting a connection failed: {}", e.toString());
                    pause();
                }
                continue;
            }
            try {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
                sessions.execute(() -> {
                    open.add(socket);
                    try {
                        new Session(socket).run();
                    } finally {
                        open.remove(socket);
                    }
                });
            } catch (RejectedExecutionException | IOException e) {
                refuse(socket);
            }
        }
    }

    /** After a failed accept (out of file handles, say): a moment before the next, so the loop does not spin. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refuse(Socket socket) {
        try (socket) {
            socket.getOutputStream().write(("421 4.3.2 " + hostname + " has " + maxConnections
                    + " connections open; try again later\r\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // It was leaving anyway.
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        ServerSocket socket = server;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing: nothing to do about it.
            }
        }
        sessions.shutdownNow();
        // A thread blocked reading a socket does not see an interrupt; closing the socket ends the read.
        for (Socket connection : open) {
            try {
                connection.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        try {
            sessions.awaitTermination(5, TimeUnit.SECONDS);
            if (acceptor != null) {
                acceptor.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One SMTP connection. */
    private final class Session {
        private final Socket socket;
        private InputStream in;
        private OutputStream out;
        private String greeting;
        private String from;
        private final List<String> recipients = new ArrayList<>();
        private int errors;
        /** Whether the next data byte starts a line: only there does a dot mean anything. */
        private boolean atLineStart;

        Session(Socket socket) {
            this.socket = socket;
        }

        void run() {
            try (socket) {
                in = new BufferedInputStream(socket.getInputStream(), 16 << 10);
                out = new BufferedOutputStream(socket.getOutputStream(), 4 << 10);
                reply("220 " + hostname + " ESMTP Mailwijs inbound mailbox");
                while (!closed) {
                    String line = readCommand();
                    if (line == null) {
                        return;
                    }
                    if (line != TOO_LONG && !handle(line)) {
                        return;
                    }
                    if (errors >= MAX_ERRORS) {
                        reply("421 4.7.0 too many errors; closing");
                        return;
                    }
                }
                reply("421 4.3.2 shutting down");
            } catch (SocketTimeoutException e) {
                quietly("421 4.4.2 " + hostname + " timeout; closing");
            } catch (IOException e) {
                // The client went away.
            } catch (RuntimeException e) {
                LOG.warn("inbound SMTP: a session ended on an error: {}", e.toString());
                quietly("421 4.3.0 internal error; try again later");
            }
        }

        /** Answers one command; false when the session ends. */
        private boolean handle(String line) throws IOException {
            String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
            String argument = line.length() > 4 ? line.substring(4).strip() : "";
            switch (verb) {
                case "EHLO" -> {
                    greeting = argument;
                    reset();
                    reply("250-" + hostname + "\r\n250-SIZE " + refusedAbove() + "\r\n250-8BITMIME\r\n"
                            + "250-ENHANCEDSTATUSCODES\r\n250 PIPELINING");
                }
                case "HELO" -> {
                    greeting = argument;
                    reset();
                    reply("250 " + hostname);
                }
                case "MAIL" -> mail(argument);
                case "RCPT" -> recipient(argument);
                case "DATA" -> data();
                case "RSET" -> {
                    reset();
                    reply("250 2.0.0 OK");
                }
                case "NOOP" -> reply("250 2.0.0 OK");
                case "VRFY" -> reply("252 2.5.0 not verified; send the message and it will be read");
                case "QUIT" -> {
                    reply("221 2.0.0 " + hostname + " closing");
                    return false;
                }
                case "STAR" -> {
                    errors++;
                    reply("454 4.7.0 TLS is not offered here; put the listener behind the domain's mail server or on 127.0.0.1");
                }
                default -> {
                    errors++;
                    reply("500 5.5.2 command not recognised");
                }
            }
            return true;
        }

        private void mail(String argument) throws IOException {
            if (greeting == null) {
                errors++;
                reply("503 5.5.1 send EHLO or HELO first");
                return;
            }
            if (from != null) {
                errors++;
                reply("503 5.5.1 a MAIL FROM was already given; RSET first");
                return;
            }
            String path = path(argument, "FROM:");
            if (path == null) {
                errors++;
                reply("501 5.5.4 syntax: MAIL FROM:<address>");
                return;
            }
            String parameters = argument.substring(argument.indexOf('>') + 1).strip().toUpperCase(Locale.ROOT);
            for (String parameter : parameters.split("\\s+")) {
                if (parameter.startsWith("SIZE=") && parameter.substring(5).matches("\\d{1,18}")
                        && Long.parseLong(parameter.substring(5)) > refusedAbove()) {
                    reply("552 5.3.4 message too big for this mailbox (at most " + refusedAbove() + " bytes)");
                    return;
                }
            }
            from = path;
            reply("250 2.1.0 OK");
        }

        private void recipient(String argument) throws IOException {
            if (from == null) {
                errors++;
                reply("503 5.5.1 send MAIL FROM first");
                return;
            }
            String path = path(argument, "TO:");
            if (path == null || path.isEmpty() || path.length() > 320) {
                errors++;
                reply("501 5.1.3 syntax: RCPT TO:<address>");
                return;
            }
            if (recipients.size() >= MAX_RECIPIENTS) {
                reply("452 4.5.3 too many recipients; send the rest in another message");
                return;
            }
            recipients.add(path);
            reply("250 2.1.5 OK");
        }

        private void data() throws IOException {
            if (from == null || recipients.isEmpty()) {
                errors++;
                reply("503 5.5.1 no valid recipients: send MAIL FROM and RCPT TO first");
                return;
            }
            reply("354 end data with <CR><LF>.<CR><LF>");
            int limit = mailbox.maxMessageBytes();
            ByteArrayOutputStream message = new ByteArrayOutputStream(8 << 10);
            long size = 0;
            long deadline = System.nanoTime() + MAX_DATA_TIME.toNanos();
            byte[] line = new byte[4 << 10];
            atLineStart = true;
            while (true) {
                if (System.nanoTime() > deadline) {
                    reply("451 4.4.2 the message took longer than " + MAX_DATA_TIME.toMinutes() + " minutes; try again later");
                    throw new IOException("data took too long");
                }
                LineRead read = readDataLine(line);
                if (read == null) {
                    throw new IOException("connection closed in the middle of the data");
                }
                if (read.terminator()) {
                    break;
                }
                size += read.length();
                if (size > refusedAbove()) {
                    reply("552 5.3.4 message too big for this mailbox (at most " + refusedAbove() + " bytes)");
                    throw new IOException("message larger than " + refusedAbove() + " bytes");
                }
                int keep = (int) Math.max(0, Math.min(read.length(), limit - message.size()));
                message.write(read.bytes(), read.offset(), keep);
            }
            String envelopeFrom = from;
            List<String> envelopeTo = List.copyOf(recipients);
            reset();
            long id;
            try {
                id = mailbox.receive(new ReceivedMessage(message.toByteArray(), size, size > limit, InboundSource.SMTP,
                        "SMTP from " + socket.getInetAddress().getHostAddress() + " (" + clip(greeting) + ")", null, envelopeFrom, envelopeTo));
            } catch (RuntimeException e) {
                LOG.warn("inbound SMTP: a message could not be stored; the sender was told to try again: {}", e.toString());
                reply("451 4.3.0 the message could not be stored; try again later");
                return;
            }
            reply("250 2.0.0 OK: inbound message " + id);
            mailbox.process(id);
        }

        private long refusedAbove() {
            return mailbox.maxMessageBytes() * 4L;
        }

        private void reset() {
            from = null;
            recipients.clear();
        }

        /** The address in {@code FROM:<...>} or {@code TO:<...>} (may be empty: the null sender), or null when malformed. */
        private static String path(String argument, String keyword) {
            if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
                return null;
            }
            String rest = argument.substring(keyword.length()).strip();
            int open = rest.indexOf('<');
            int close = rest.indexOf('>');
            if (open != 0 || close < 0) {
                return null;
            }
            String address = rest.substring(1, close).strip();
            // A source route (@a,@b:user@c, RFC 5321 C) names the mailbox after the colon.
            int colon = address.startsWith("@") ? address.indexOf(':') : -1;
            return colon >= 0 ? address.substring(colon + 1) : address;
        }

        private String clip(String text) {
            String printable = text == null ? "" : text.replaceAll("[^\\x20-\\x7E]", "?");
            return printable.length() <= 200 ? printable : printable.substring(0, 200);
        }

        /** One command line without its line ending, or null at the end of the stream. A line too long is refused and skipped. */
        private String readCommand() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            boolean tooLong = false;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                if (b == '\n') {
                    break;
                }
                if (line.size() < MAX_COMMAND_LINE) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
            }
            if (tooLong) {
                errors++;
                reply("500 5.5.6 line too long");
                return TOO_LONG;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }

        private record LineRead(byte[] bytes, int offset, int length, boolean terminator) {
        }

        /**
         * One line of the data with its line ending, dot-unstuffed (RFC 5321 4.5.2); {@code terminator}
         * for the lone dot that ends it. A line longer than the buffer comes in pieces.
         */
        private LineRead readDataLine(byte[] buffer) throws IOException {
            int length = 0;
            while (length < buffer.length) {
                int b = in.read();
                if (b < 0) {
                    return length == 0 ? null : new LineRead(buffer, 0, length, false);
                }
                buffer[length++] = (byte) b;
                if (b == '\n') {
                    break;
                }
            }
            boolean startsLine = atLineStart;
            atLineStart = buffer[length - 1] == '\n';
            if (startsLine && buffer[0] == '.') {
                if (atLineStart && (length == 2 || length == 3 && buffer[1] == '\r')) {
                    return new LineRead(buffer, 0, length, true);
                }
                return new LineRead(buffer, 1, length - 1, false);
            }
            return new LineRead(buffer, 0, length, false);
        }

        private void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        private void quietly(String text) {
            try {
                reply(text);
            } catch (IOException | RuntimeException e) {
                // The connection is gone.
            }
        }
    }

    /** For the log and the startup line: where it listens. */
    @Override
    public String toString() {
        return "smtp://" + bindAddress + ":" + port();
    }

}
