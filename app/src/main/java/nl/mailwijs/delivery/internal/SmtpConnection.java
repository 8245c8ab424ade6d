package nl.mailwijs.delivery.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import nl.mailwijs.delivery.SmtpRelay;

/**
 * One SMTP client connection (RFC 5321) over a plain socket, with PIPELINING (RFC 2920) when the
 * server offers it: MAIL, RCPT and DATA go out in one write and the message follows the 354, so
 * a message costs two round trips instead of four; in a run of messages, the next one's MAIL,
 * RCPT and DATA go out with the end of the one before, and a message costs one. Angus Mail does not pipeline, and its
 * per-message MimeMessage parse and CRLF/dot-stuffing streams cost more than the socket work.
 *
 * <p>Not thread-safe: one sender uses it at a time. Once connected, every read is bounded by the
 * read timeout and every write by the write timeout, both enforced by {@link #abortIfStalled},
 * which the owner calls periodically: a blocking write has no timeout of its own, and a read
 * without a socket timeout is one blocking system call on a platform thread, where a timed read
 * is three (a read that finds nothing, a poll, the read again).
 */
public final class SmtpConnection implements AutoCloseable {

    /** A complete reply: its code and its lines as the server sent them, joined with '\n'. */
    public record Reply(int code, String text) {

        public boolean positive() {
            return code >= 200 && code < 400;
        }
    }

    /** The connection could not be set up: the greeting, EHLO, STARTTLS or AUTH failed. */
    public static final class SetupException extends IOException {

        public SetupException(String message) {
            super(message);
        }
    }

    private static final int MAX_LINE = 4096;
    private static final int MAX_LINES = 200;

    private final SmtpRelay relay;
    private final Duration writeTimeout;
    private final Duration readTimeout;
    /** The TCP socket under any TLS: closing it ends a stalled read or write at once. */
    private Socket plain;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] readBuffer = new byte[8192];
    private int readPosition;
    private int readLimit;
    private final OutgoingBytes outgoing = new OutgoingBytes();
    private final Set<String> extensions = new HashSet<>();
    private boolean pipelining;
    private volatile long writeStartedNanos;
    private volatile boolean writeAborted;
    private volatile long readStartedNanos;
    private volatile boolean readAborted;
    private boolean closed;

    private final SSLSocketFactory tlsSockets;

    private SmtpConnection(SmtpRelay relay, Duration readTimeout, Duration writeTimeout, SSLSocketFactory tlsSockets) {
        this.relay = relay;
        this.readTimeout = readTimeout;
        this.writeTimeout = writeTimeout;
        this.tlsSockets = tlsSockets;
    }

    /**
     * Connects, reads the greeting, says EHLO (HELO if refused), upgrades with STARTTLS or starts
     * with TLS as the relay asks, and authenticates when it has a user name.
     */
    public static SmtpConnection open(SmtpRelay relay, String heloName, Duration connectTimeout, Duration readTimeout,
                                      Duration writeTimeout) throws IOException {
        return open(relay, heloName, connectTimeout, readTimeout, writeTimeout, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** @param tlsSockets the JDK's default (its trust store) in production; tests pass one that trusts their own certificate */
    public static SmtpConnection open(SmtpRelay relay, String heloName, Duration connectTimeout, Duration readTimeout,
                                      Duration writeTimeout, SSLSocketFactory tlsSockets) throws IOException {
        SmtpConnection connection = new SmtpConnection(relay, readTimeout, writeTimeout, tlsSockets);
        try {
            connection.setUp(heloName, connectTimeout);
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.abort();
            throw e;
        }
    }

    private void setUp(String heloName, Duration connectTimeout) throws IOException {
        plain = new Socket();
        socket = plain;
        plain.setTcpNoDelay(true);
        plain.connect(new InetSocketAddress(relay.host(), relay.port()), (int) connectTimeout.toMillis());
        // The greeting and the handshake are part of connecting.
        plain.setSoTimeout((int) connectTimeout.toMillis());
        if (relay.security() == SmtpRelay.Security.IMPLICIT_TLS) {
            socket = tls(plain);
        }
        streams();
        expect(readReply(), 220, "greeting");
        hello(heloName);
        if (relay.security() == SmtpRelay.Security.STARTTLS) {
            if (!extensions.contains("STARTTLS")) {
                throw new SetupException("the relay does not offer STARTTLS, which is required for it");
            }
            command("STARTTLS");
            expect(readReply(), 220, "STARTTLS");
            socket = tls(socket);
            streams();
            // RFC 3207: forget what was learnt before TLS and ask again.
            hello(heloName);
        }
        if (relay.username() != null) {
            authenticate();
        }
        // From here on abortIfStalled bounds the reads.
        socket.setSoTimeout(0);
    }

    private SSLSocket tls(Socket under) throws IOException {
        SSLSocket ssl = (SSLSocket) tlsSockets.createSocket(under, relay.host(), relay.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        // Check the certificate names the relay, as a browser would; without this any certificate passes.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private void streams() throws IOException {
        in = socket.getInputStream();
        out = socket.getOutputStream();
        readPosition = 0;
        readLimit = 0;
    }

    private void hello(String heloName) throws IOException {
        extensions.clear();
        command("EHLO " + heloName);
        Reply ehlo = readReply();
        if (ehlo.code() == 250) {
            String[] lines = ehlo.text().split("\n");
            for (int i = 1; i < lines.length; i++) {
                String keyword = lines[i].length() > 4 ? lines[i].substring(4).strip() : "";
                extensions.add(keyword.toUpperCase(Locale.ROOT));
                int space = keyword.indexOf(' ');
                if (space > 0) {
                    extensions.add(keyword.substring(0, space).toUpperCase(Locale.ROOT));
                }
            }
        } else {
            command("HELO " + heloName);
            expect(readReply(), 250, "HELO");
        }
        pipelining = extensions.contains("PIPELINING");
    }

    private void authenticate() throws IOException {
        String user = relay.username();
        String password = relay.password() == null ? "" : relay.password();
        Base64.Encoder base64 = Base64.getEncoder();
        String mechanisms = extensions.stream().filter(e -> e.startsWith("AUTH ")).findFirst().orElse("AUTH");
        Set<String> offered = Set.of(mechanisms.substring(4).strip().split(" "));
        if (offered.contains("PLAIN")) {
            byte[] plain = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
            command("AUTH PLAIN " + base64.encodeToString(plain));
            expect(readReply(), 235, "AUTH PLAIN");
        } else if (offered.contains("LOGIN")) {
            command("AUTH LOGIN");
            expect(readReply(), 334, "AUTH LOGIN");
            command(base64.encodeToString(user.getBytes(StandardCharsets.UTF_8)));
            expect(readReply(), 334, "AUTH LOGIN");
            command(base64.encodeToString(password.getBytes(StandardCharsets.UTF_8)));
            expect(readReply(), 235, "AUTH LOGIN");
        } else {
            throw new SetupException("the relay offers no AUTH mechanism this client speaks (PLAIN, LOGIN): " + mechanisms);
        }
    }

    private static void expect(Reply reply, int code, String step) throws SetupException {
        if (reply.code() != code) {
            throw new SetupException(step + " answered " + reply.text().strip());
        }
    }

    public boolean pipelining() {
        return pipelining;
    }

    public boolean closed() {
        return closed;
    }

    /** NOOP: is the connection still there? False when it is not (and then it is closed). */
    public boolean alive() {
        try {
            command("NOOP");
            return readReply().code() == 250;
        } catch (IOException e) {
            abort();
            return false;
        }
    }

    /** RSET after a transaction that ended without the final reply to DATA. */
    public boolean reset() {
        try {
            command("RSET");
            return readReply().code() == 250;
        } catch (IOException e) {
            abort();
            return false;
        }
    }

    /** One mail transaction of a run: the envelope and the message, with CRLF line ends (dot-stuffed when sent). */
    public record Transaction(String envelopeFrom, String recipient, byte[] message) {
    }

    /**
     * Mail transactions one after the other, each for one recipient. The reply that decides a
     * transaction is the first negative one of MAIL and RCPT, else DATA's when it is not 354, else
     * the reply to the end of the data. With PIPELINING the next transaction's MAIL, RCPT and DATA
     * go out in the same write as the end of the data before it (RFC 2920 lets message content
     * open a group of commands), so each message costs one write and one wait for replies, not two
     * of each. Adds the deciding reply of each transaction to {@code replies}, in order, and stops
     * early after a transaction refused before its data (it may still be open: {@link #reset()}
     * before the next) or a 421 (the connection is closed then). A negative reply to the end of
     * the data ends that transaction only.
     *
     * @throws IOException when the connection breaks or a reply does not come in time; the replies
     *                     of the transactions finished stay in {@code replies}, and the one under way
     *                     is the next of the run (it may or may not have been accepted when that
     *                     happens after its DATA)
     */
    public void sendRun(List<Transaction> run, List<Reply> replies) throws IOException {
        if (!pipelining) {
            for (Transaction transaction : run) {
                Reply reply = sendUnpipelined(transaction);
                replies.add(reply);
                if (closed || !reply.positive()) {
                    return;
                }
            }
            return;
        }
        if (run.isEmpty()) {
            return;
        }
        envelope(run.getFirst());
        flush();
        for (int i = 0; i < run.size(); i++) {
            Reply mail = readReply();
            if (mail.code() == 421) {
                replies.add(closing(mail));
                return;
            }
            Reply rcpt = readReply();
            if (rcpt.code() == 421) {
                replies.add(closing(rcpt));
                return;
            }
            Reply data = readReply();
            if (data.code() == 421) {
                replies.add(closing(data));
                return;
            }
            Reply refused = !mail.positive() ? mail : !rcpt.positive() ? rcpt : null;
            if (refused != null) {
                if (data.code() == 354) {
                    // A server that starts DATA without a recipient gets an empty message it must refuse.
                    append(".\r\n");
                    flush();
                    if (readReply().code() == 421) {
                        abort();
                    }
                }
                replies.add(refused);
                return;
            }
            if (data.code() != 354) {
                replies.add(data);
                return;
            }
            outgoing.dotStuffed(run.get(i).message());
            append(".\r\n");
            if (i + 1 < run.size()) {
                envelope(run.get(i + 1));
            }
            flush();
            Reply done = readReply();
            replies.add(done);
            if (done.code() == 421) {
                abort();
                return;
            }
        }
    }

    private void envelope(Transaction transaction) {
        append("MAIL FROM:<" + transaction.envelopeFrom() + ">\r\nRCPT TO:<" + transaction.recipient() + ">\r\nDATA\r\n");
    }

    /** One transaction command by command, for a server without PIPELINING. */
    private Reply sendUnpipelined(Transaction transaction) throws IOException {
        command("MAIL FROM:<" + transaction.envelopeFrom() + ">");
        Reply mail = readReply();
        if (!mail.positive()) {
            return mail.code() == 421 ? closing(mail) : mail;
        }
        command("RCPT TO:<" + transaction.recipient() + ">");
        Reply rcpt = readReply();
        if (!rcpt.positive()) {
            return rcpt.code() == 421 ? closing(rcpt) : rcpt;
        }
        command("DATA");
        Reply data = readReply();
        if (data.code() == 421) {
            return closing(data);
        }
        if (data.code() != 354) {
            return data;
        }
        outgoing.dotStuffed(transaction.message());
        append(".\r\n");
        flush();
        Reply done = readReply();
        return done.code() == 421 ? closing(done) : done;
    }

    private Reply closing(Reply reply) {
        abort();
        return reply;
    }

    private void command(String line) throws IOException {
        append(line);
        append("\r\n");
        flush();
    }

    private void append(String ascii) {
        outgoing.ascii(ascii);
    }

    private void flush() throws IOException {
        if (closed) {
            throw new IOException("the connection is closed");
        }
        writeStartedNanos = System.nanoTime();
        try {
            out.write(outgoing.array(), 0, outgoing.length());
            out.flush();
        } catch (IOException e) {
            if (writeAborted) {
                throw new SocketTimeoutException("write timeout: the server took no data for " + writeTimeout.toSeconds() + " s");
            }
            throw e;
        } finally {
            writeStartedNanos = 0;
            outgoing.clear();
        }
    }

    /**
     * Closes the socket when a write has been blocked longer than the write timeout, or a read has
     * waited longer than the read timeout; for a watchdog thread.
     */
    public void abortIfStalled(long nowNanos) {
        long writing = writeStartedNanos;
        long reading = readStartedNanos;
        boolean writeStalled = writing != 0 && nowNanos - writing > writeTimeout.toNanos();
        boolean readStalled = reading != 0 && nowNanos - reading > readTimeout.toNanos();
        if (writeStalled || readStalled) {
            writeAborted |= writeStalled;
            readAborted |= readStalled;
            try {
                plain.close();
            } catch (IOException e) {
                // Closing is all that is left to do.
            }
        }
    }

    /** Reads one reply, single- or multi-line ({@code 250-...} then {@code 250 ...}). */
    Reply readReply() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int lines = 0; lines < MAX_LINES; lines++) {
            String line = readLine();
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2))) {
                throw new IOException("not an SMTP reply: " + line);
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(line);
            if (line.length() == 3 || line.charAt(3) != '-') {
                return new Reply(Integer.parseInt(line, 0, 3, 10), text.toString());
            }
        }
        throw new IOException("a reply of more than " + MAX_LINES + " lines");
    }

    private String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (readPosition == readLimit) {
                int read;
                readStartedNanos = System.nanoTime();
                try {
                    read = in.read(readBuffer, 0, readBuffer.length);
                } catch (IOException e) {
                    if (readAborted) {
                        throw new SocketTimeoutException("read timeout: no reply within " + readTimeout.toSeconds() + " s");
                    }
                    throw e;
                } finally {
                    readStartedNanos = 0;
                }
                if (read < 0) {
                    throw new EOFException("the server closed the connection");
                }
                readPosition = 0;
                readLimit = read;
            }
            int start = readPosition;
            int end = start;
            while (end < readLimit && readBuffer[end] != '\n') {
                end++;
            }
            int length = end - start;
            if (line == null && end < readLimit) {
                readPosition = end + 1;
                if (length > 0 && readBuffer[end - 1] == '\r') {
                    length--;
                }
                return new String(readBuffer, start, length, StandardCharsets.ISO_8859_1);
            }
            if (line == null) {
                line = new StringBuilder();
            }
            line.append(new String(readBuffer, start, length, StandardCharsets.ISO_8859_1));
            readPosition = Math.min(end + 1, readLimit);
            if (line.length() > MAX_LINE) {
                throw new IOException("a reply line of more than " + MAX_LINE + " characters");
            }
            if (end < readLimit) {
                if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
                    line.setLength(line.length() - 1);
                }
                return line.toString();
            }
        }
    }

    /**
     * QUIT without waiting for the reply (a stalling server would hold the caller), then close.
     * Only on a connection in good order: after an error use {@link #abort()}, as a QUIT written
     * to a server that stopped reading could block.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (out != null && !writeAborted) {
                append("QUIT\r\n");
                flush();
            }
        } catch (IOException | RuntimeException e) {
            // The connection is going away either way.
        }
        abort();
    }

    /** Closes the socket without a word. */
    public void abort() {
        closed = true;
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // Already gone.
        }
    }
}
