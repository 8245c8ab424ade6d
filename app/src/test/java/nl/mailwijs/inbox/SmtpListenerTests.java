package nl.mailwijs.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import nl.mailwijs.inbox.internal.SmtpListener;
import nl.mailwijs.testing.TestDatabase;

/**
 * The SMTP listener over real sockets on 127.0.0.1: Angus Mail delivers a report to it, a raw
 * session pipelines and dot-stuffs, and every limit answers as RFC 5321 says. Storage is the
 * inbound mailbox's, tested on both databases in {@link InboundMailboxTests}; here H2.
 */
class SmtpListenerTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    private SmtpListener listen(InboundMailbox mailbox, int maxConnections) throws IOException {
        SmtpListener listener = new SmtpListener(mailbox, "127.0.0.1", 0, "inbound.test", maxConnections, Duration.ofSeconds(10)).start();
        open.add(listener);
        return listener;
    }

    private Conversation connect(SmtpListener listener) throws IOException {
        Conversation conversation = new Conversation(new Socket("127.0.0.1", listener.port()));
        open.add(conversation);
        return conversation;
    }

    private static InboundMessage processed(InboundMailbox mailbox, long before) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<InboundMessage> messages = mailbox.list(null, null, 0, 1);
            if (!messages.isEmpty() && messages.getFirst().id() > before && messages.getFirst().outcome() != InboundOutcome.PENDING) {
                return messages.getFirst();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no message processed within " + WAIT);
    }

    @Test
    void angusMailDeliversABounceThatIsStoredAsSentWithItsEnvelopeAndActedOn() throws Exception {
        InboxFixture f = new InboxFixture(TestDatabase.H2);
        long jan = f.contact("k-1", "jan.jansen@example.com");
        String token = f.sent(jan, "jan.jansen@example.com");
        SmtpListener listener = listen(f.mailbox, 4);

        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(listener.port()));
        properties.put("mail.smtp.from", "mailer-daemon@mx.example.com");
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(properties);
        byte[] raw = InboxFixture.sample("dsn-postfix-user-unknown", token);
        MimeMessage report = new MimeMessage(session, new ByteArrayInputStream(raw));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            // sendMessage, not Transport.send: the report goes out as it is, without new headers.
            transport.sendMessage(report, new InternetAddress[] {new InternetAddress("bounce+" + token + "@mail.example.nl")});
        }

        InboundMessage message = processed(f.mailbox, 0);
        assertThat(message.source()).isEqualTo(InboundSource.SMTP);
        assertThat(message.sourceDetail()).startsWith("SMTP from 127.0.0.1");
        assertThat(message.envelopeFrom()).isEqualTo("mailer-daemon@mx.example.com");
        assertThat(message.envelopeTo()).containsExactly("bounce+" + token + "@mail.example.nl");
        assertThat(message.outcome()).as(message.detail()).isEqualTo(InboundOutcome.ADDRESS_SUPPRESSED);
        assertThat(new String(f.mailbox.raw(message.id()).orElseThrow(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n"))
                .isEqualTo(new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n"));
        assertThat(f.suppressions.inForce("jan.jansen@example.com")).isPresent();
    }

    @Test
    void aPipelinedSessionWithTheNullSenderIsReadWithItsDotsUnstuffed() throws Exception {
        InboxFixture f = new InboxFixture(TestDatabase.H2);
        SmtpListener listener = listen(f.mailbox, 4);
        Conversation smtp = connect(listener);
        assertThat(smtp.reply()).startsWith("220 inbound.test");

        smtp.send("EHLO mx.example.com\r\nMAIL FROM:<> BODY=8BITMIME\r\nRCPT TO:<bounce+abc@mail.example.nl>\r\n"
                + "RCPT TO:<postmaster@mail.example.nl>\r\nDATA\r\n");
        assertThat(smtp.reply()).contains("250-inbound.test", "SIZE", "PIPELINING", "ENHANCEDSTATUSCODES");
        assertThat(smtp.reply()).startsWith("250 2.1.0");
        assertThat(smtp.reply()).startsWith("250 2.1.5");
        assertThat(smtp.reply()).startsWith("250 2.1.5");
        assertThat(smtp.reply()).startsWith("354");
        smtp.send("Subject: dots\r\n\r\n..a line that began with a dot\r\n.\r\n");
        assertThat(smtp.reply()).startsWith("250 2.0.0 OK: inbound message");
        smtp.send("QUIT\r\n");
        assertThat(smtp.reply()).startsWith("221");

        InboundMessage message = processed(f.mailbox, 0);
        assertThat(message.envelopeFrom()).isEmpty();
        assertThat(message.envelopeTo()).containsExactly("bounce+abc@mail.example.nl", "postmaster@mail.example.nl");
        assertThat(new String(f.mailbox.raw(message.id()).orElseThrow(), StandardCharsets.US_ASCII))
                .isEqualTo("Subject: dots\r\n\r\n.a line that began with a dot\r\n");
        assertThat(message.outcome()).isEqualTo(InboundOutcome.NO_ACTION);
    }

    @Test
    void commandsOutOfOrderOrUnknownAreRefusedAndTooManyErrorsEndTheSession() throws Exception {
        InboxFixture f = new InboxFixture(TestDatabase.H2);
        SmtpListener listener = listen(f.mailbox, 4);
        Conversation smtp = connect(listener);
        smtp.reply();
        smtp.send("MAIL FROM:<a@example.nl>\r\n");
        assertThat(smtp.reply()).startsWith("503 5.5.1 send EHLO");
        smtp.send("HELO client.example.nl\r\n");
        assertThat(smtp.reply()).startsWith("250 inbound.test");
        smtp.send("RCPT TO:<b@example.nl>\r\n");
        assertThat(smtp.reply()).startsWith("503 5.5.1 send MAIL FROM");
        smtp.send("DATA\r\n");
        assertThat(smtp.reply()).startsWith("503 5.5.1 no valid recipients");
        smtp.send("MAIL FROM:a@example.nl\r\n");
        assertThat(smtp.reply()).startsWith("501");
        smtp.send("STARTTLS\r\n");
        assertThat(smtp.reply()).startsWith("454 4.7.0");
        smtp.send("X".repeat(5_000) + "\r\n");
        assertThat(smtp.reply()).startsWith("500 5.5.6 line too long");
        smtp.send("VRFY jan\r\nNOOP\r\nRSET\r\n");
        assertThat(smtp.reply()).startsWith("252");
        assertThat(smtp.reply()).startsWith("250");
        assertThat(smtp.reply()).startsWith("250");
        // Six errors so far; the tenth ends the session.
        smtp.send("BOGUS\r\n".repeat(4));
        List<String> replies = new ArrayList<>();
        String reply;
        while ((reply = smtp.reply()) != null) {
            replies.add(reply);
        }
        assertThat(replies).hasSize(5);
        assertThat(replies.subList(0, 4)).allSatisfy(bogus -> assertThat(bogus).startsWith("500 5.5.2"));
        assertThat(replies.getLast()).startsWith("421 4.7.0 too many errors");
        assertThat(f.mailbox.count(null, null)).isZero();
    }

    @Test
    void aMessageLargerThanTheMailboxKeepsIsStoredTruncatedAndOneFarLargerIsRefused() throws Exception {
        InboxFixture f = new InboxFixture(TestDatabase.H2, DataSize.ofKilobytes(64));
        SmtpListener listener = listen(f.mailbox, 4);
        Conversation smtp = connect(listener);
        smtp.reply();
        smtp.send("EHLO client\r\n");
        assertThat(smtp.reply()).contains("SIZE " + 4 * 64 * 1024);
        smtp.send("MAIL FROM:<a@example.nl> SIZE=10000000\r\n");
        assertThat(smtp.reply()).startsWith("552 5.3.4");
        smtp.send("MAIL FROM:<a@example.nl> SIZE=100000\r\n");
        assertThat(smtp.reply()).startsWith("250");
        smtp.send("RCPT TO:<bounce@mail.example.nl>\r\n");
        smtp.reply();
        smtp.send("DATA\r\n");
        smtp.reply();
        String line = "y".repeat(998) + "\r\n";
        smtp.send("Subject: big\r\n\r\n" + line.repeat(100) + ".\r\n");
        assertThat(smtp.reply()).startsWith("250 2.0.0");

        InboundMessage message = processed(f.mailbox, 0);
        assertThat(message.truncated()).isTrue();
        assertThat(message.malformed()).isTrue();
        assertThat(message.sizeBytes()).isEqualTo("Subject: big\r\n\r\n".length() + 100L * line.length());
        assertThat(f.mailbox.raw(message.id()).orElseThrow()).hasSize(64 * 1024);
    }

    @Test
    void aConnectionBeyondTheLimitIsToldToComeBackLater() throws Exception {
        InboxFixture f = new InboxFixture(TestDatabase.H2);
        SmtpListener listener = listen(f.mailbox, 1);
        Conversation first = connect(listener);
        assertThat(first.reply()).startsWith("220");
        Conversation second = connect(listener);
        assertThat(second.reply()).startsWith("421 4.3.2");
        first.send("QUIT\r\n");
        assertThat(first.reply()).startsWith("221");
    }

    @Test
    void aMessageThatCannotBeStoredIsRefusedTemporarilySoTheSenderTriesAgain() throws Exception {
        InboxFixture f = new InboxFixture(TestDatabase.H2);
        f.jdbc.sql("DROP TABLE inbound_message").update();
        SmtpListener listener = listen(f.mailbox, 4);
        Conversation smtp = connect(listener);
        smtp.reply();
        smtp.send("HELO client\r\nMAIL FROM:<>\r\nRCPT TO:<bounce@mail.example.nl>\r\nDATA\r\n");
        for (int i = 0; i < 4; i++) {
            smtp.reply();
        }
        smtp.send("Subject: x\r\n\r\nx\r\n.\r\n");
        assertThat(smtp.reply()).startsWith("451 4.3.0");
        smtp.send("QUIT\r\n");
        assertThat(smtp.reply()).startsWith("221");
    }

    /** A plain SMTP client: writes what it is given, reads one (multi-line) reply at a time. */
    private static final class Conversation implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Conversation(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout((int) WAIT.toMillis());
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** The next reply, its lines joined with CRLF; null when the server closed the connection. */
        String reply() throws IOException {
            StringBuilder reply = new StringBuilder();
            for (int lines = 0; lines < 100; lines++) {
                String line = in.readLine();
                if (line == null) {
                    return reply.isEmpty() ? null : reply.toString();
                }
                reply.append(reply.isEmpty() ? "" : "\r\n").append(line);
                if (line.length() < 4 || line.charAt(3) != '-') {
                    return reply.toString();
                }
            }
            throw new AssertionError("a reply of more than 100 lines");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
