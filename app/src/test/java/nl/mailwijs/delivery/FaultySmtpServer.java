package nl.mailwijs.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A tiny SMTP server on 127.0.0.1 that misbehaves on purpose, chosen by the recipient's local part:
 * {@code reject550} (RCPT refused for good), {@code busy421} (RCPT answered 421 and the connection
 * closed), {@code defer451} (451 after DATA), {@code drop} (connection closed after DATA without a
 * reply), {@code stall} (no reply after DATA until released or 20 s), {@code noread} (354, then
 * reads nothing until released or 20 s). A local part {@code once-KIND-…} (KIND one of
 * {@code defer451}, {@code busy421}, {@code drop}, {@code stall}) misbehaves so the first time
 * that recipient comes, and is accepted when it comes again. Anything else is accepted.
 * DATA without an accepted recipient is answered 554, as Postfix does. With {@code pipelining}
 * it offers PIPELINING (RFC 2920) and counts the MAIL commands that arrived together with what
 * followed them, and the ends of data that arrived together with the next command.
 * Every connection has a 20 s read timeout and at most 200 commands, so nothing here runs unbounded.
 */
public final class FaultySmtpServer implements AutoCloseable {

    /** @param data the message as received, dot-stuffing undone, lines joined with CRLF */
    public record Accepted(String recipient, long atNanos, String data) {
    }

    private final ServerSocket socket;
    private final Thread acceptor;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger noops = new AtomicInteger();
    public final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    /** When the first stall began ({@link System#nanoTime()}), 0 before. */
    public final java.util.concurrent.atomic.AtomicLong stallStartedAt = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.Set<String> misbehavedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final CountDownLatch stalling = new CountDownLatch(1);
    public final CountDownLatch releaseStall = new CountDownLatch(1);
    final AtomicInteger pipelinedMails = new AtomicInteger();
    /** Messages whose final "." came together with the next command (a client pipelining across messages). */
    final AtomicInteger commandsAfterData = new AtomicInteger();
    final AtomicInteger tlsSessions = new AtomicInteger();
    final List<String> authenticated = new CopyOnWriteArrayList<>();
    private final boolean pipelining;
    private final SSLContext tls;
    private final boolean implicitTls;
    private final String user;
    private final String password;

    public FaultySmtpServer() throws IOException {
        this(false);
    }

    FaultySmtpServer(boolean pipelining) throws IOException {
        this(pipelining, null, false, null, null);
    }

    /**
     * @param tls         offers STARTTLS with this context, or with {@code implicitTls} speaks TLS from the first byte
     * @param user        when not null, AUTH PLAIN and LOGIN are offered and MAIL needs them first
     */
    FaultySmtpServer(boolean pipelining, SSLContext tls, boolean implicitTls, String user, String password) throws IOException {
        this.pipelining = pipelining;
        this.tls = tls;
        this.implicitTls = implicitTls;
        this.user = user;
        this.password = password;
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().name("faulty-smtp").start(this::acceptLoop);
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        for (int i = 0; i < 1000 && !socket.isClosed(); i++) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static Socket secure(SSLContext context, Socket plain) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        return ssl;
    }

    private void serve(Socket connection) {
        Socket client = connection;
        try {
            client.setSoTimeout(20_000);
            if (implicitTls) {
                client = secure(tls, client);
                tlsSessions.incrementAndGet();
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            reply(out, "220 faulty.test ESMTP");
            String recipient = null;
            String fault = "";
            boolean secured = implicitTls;
            String loggedIn = null;
            for (int commands = 0; commands < 200; commands++) {
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                String command = line.toUpperCase(java.util.Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    List<String> lines = new java.util.ArrayList<>(List.of("faulty.test", "SIZE 10240000"));
                    if (pipelining) {
                        lines.add("PIPELINING");
                    }
                    if (tls != null && !secured) {
                        lines.add("STARTTLS");
                    }
                    if (user != null) {
                        lines.add("AUTH PLAIN LOGIN");
                    }
                    StringBuilder ehlo = new StringBuilder();
                    for (int i = 0; i < lines.size(); i++) {
                        ehlo.append(i == 0 ? "" : "\r\n").append(i == lines.size() - 1 ? "250 " : "250-").append(lines.get(i));
                    }
                    reply(out, ehlo.toString());
                } else if (command.equals("STARTTLS") && tls != null && !secured) {
                    reply(out, "220 2.0.0 ready to start TLS");
                    client = secure(tls, client);
                    tlsSessions.incrementAndGet();
                    secured = true;
                    in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                    out = client.getOutputStream();
                } else if (command.startsWith("AUTH PLAIN ") && user != null) {
                    String[] parts = new String(java.util.Base64.getDecoder().decode(line.substring(11).strip()), StandardCharsets.UTF_8).split("\0", -1);
                    if (parts.length == 3 && parts[1].equals(user) && parts[2].equals(password)) {
                        loggedIn = parts[1];
                        authenticated.add(loggedIn);
                        reply(out, "235 2.7.0 authenticated");
                    } else {
                        reply(out, "535 5.7.8 authentication failed");
                    }
                } else if (command.startsWith("MAIL FROM:") && user != null && loggedIn == null) {
                    reply(out, "530 5.7.0 authentication required");
                } else if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 faulty.test");
                } else if (command.startsWith("MAIL FROM:")) {
                    recipient = null;
                    if (in.ready()) {
                        pipelinedMails.incrementAndGet();
                    }
                    reply(out, "250 2.1.0 ok");
                } else if (command.startsWith("RCPT TO:")) {
                    recipient = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                    fault = fault(recipient);
                    String local = fault;
                    if (local.equals("reject550")) {
                        reply(out, "550 5.1.1 <" + recipient + ">: no such user");
                        recipient = null;
                    } else if (local.equals("busy421")) {
                        reply(out, "421 4.7.0 too busy, closing");
                        return;
                    } else {
                        reply(out, "250 2.1.5 ok");
                    }
                } else if (command.equals("DATA")) {
                    if (recipient == null) {
                        reply(out, "554 5.5.1 Error: no valid recipients");
                        continue;
                    }
                    reply(out, "354 go ahead");
                    if (recipient.startsWith("noread@")) {
                        // Takes no data at all: the client's writes fill the socket buffers and block.
                        stalling.countDown();
                        releaseStall.await(20, TimeUnit.SECONDS);
                        return;
                    }
                    StringBuilder message = new StringBuilder();
                    for (int lines = 0; lines < 100_000; lines++) {
                        String data = in.readLine();
                        if (data == null) {
                            return;
                        }
                        if (data.equals(".")) {
                            if (in.ready()) {
                                commandsAfterData.incrementAndGet();
                            }
                            break;
                        }
                        message.append(data.startsWith(".") ? data.substring(1) : data).append("\r\n");
                    }
                    switch (fault) {
                        case "defer451" -> reply(out, "451 4.3.0 temporary failure, try later");
                        case "drop" -> {
                            return;
                        }
                        case "stall" -> {
                            stallStartedAt.compareAndSet(0, System.nanoTime());
                            stalling.countDown();
                            releaseStall.await(20, TimeUnit.SECONDS);
                            return;
                        }
                        default -> {
                            accepted.add(new Accepted(recipient, System.nanoTime(), message.toString()));
                            reply(out, "250 2.0.0 queued as " + accepted.size());
                        }
                    }
                } else if (command.startsWith("RSET") || command.startsWith("NOOP")) {
                    if (command.startsWith("RSET")) {
                        recipient = null;
                    }
                    if (command.startsWith("NOOP")) {
                        noops.incrementAndGet();
                    }
                    reply(out, "250 2.0.0 ok");
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 2.0.0 bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client went away or the test ended: this connection is over.
        } finally {
            try {
                client.close();
            } catch (IOException e) {
                // Gone already.
            }
        }
    }

    /** The fault a recipient asks for: its local part, or for {@code once-KIND-…} KIND the first time and nothing after. */
    private String fault(String recipient) {
        String local = recipient.substring(0, recipient.indexOf('@'));
        if (!local.startsWith("once-")) {
            return local;
        }
        int end = local.indexOf('-', 5);
        return misbehavedOnce.add(recipient) ? local.substring(5, end < 0 ? local.length() : end) : "";
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        releaseStall.countDown();
        socket.close();
        acceptor.join(5_000);
    }
}
