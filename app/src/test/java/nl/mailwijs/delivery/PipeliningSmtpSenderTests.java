package nl.mailwijs.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every test of {@link SmtpSenderTests} again, against a server that offers PIPELINING (RFC 2920):
 * MAIL, RCPT and DATA then go out together and their replies are read afterwards, so a refusal
 * of one of them must still decide the result and leave the connection usable.
 */
class PipeliningSmtpSenderTests extends SmtpSenderTests {

    @Override
    FaultySmtpServer server() throws IOException {
        return new FaultySmtpServer(true);
    }

    @Test
    void mailRcptAndDataGoOutTogether() throws Exception {
        try (FaultySmtpServer server = server(); SmtpSender sender = new SmtpSender(settings(server.port()))) {
            for (int i = 0; i < 3; i++) {
                assertThat(sender.send(to("klant" + i + "@voorbeeld.nl")).status()).isEqualTo(SendStatus.SENT);
            }
            assertThat(server.pipelinedMails.get()).isEqualTo(3);
        }
        try (FaultySmtpServer plain = new FaultySmtpServer(false); SmtpSender sender = new SmtpSender(settings(plain.port()))) {
            assertThat(sender.send(to("klant@voorbeeld.nl")).status()).isEqualTo(SendStatus.SENT);
            assertThat(plain.pipelinedMails.get()).as("one command at a time to a server without PIPELINING").isZero();
        }
    }

    @Test
    void inARunTheNextMessagesEnvelopeGoesOutWithTheEndOfTheDataBeforeIt() throws Exception {
        try (FaultySmtpServer server = server(); SmtpSender sender = new SmtpSender(settings(server.port()))) {
            List<SendResult> results = sender.sendAll(java.util.stream.IntStream.range(0, 10).mapToObj(i -> to("klant" + i + "@voorbeeld.nl")).toList());

            assertThat(results).extracting(SendResult::status).containsOnly(SendStatus.SENT);
            assertThat(server.accepted).hasSize(10);
            assertThat(server.commandsAfterData.get()).as("MAIL arrived with the end of the message before it").isEqualTo(9);
            assertThat(server.connections.get()).isEqualTo(1);
        }
        try (FaultySmtpServer server = server(); SmtpSender sender = new SmtpSender(settings(server.port()))) {
            for (int i = 0; i < 3; i++) {
                assertThat(sender.send(to("klant" + i + "@voorbeeld.nl")).status()).isEqualTo(SendStatus.SENT);
            }
            assertThat(server.commandsAfterData.get()).as("one message at a time: nothing to send along").isZero();
        }
    }

    @Test
    void aRefusedRecipientIsFailedAndTheConnectionCarriesOnAfterRset() throws Exception {
        try (FaultySmtpServer server = server(); SmtpSender sender = new SmtpSender(settings(server.port()))) {
            SendResult rejected = sender.send(to("reject550@voorbeeld.nl"));
            SendResult next = sender.send(to("klant@voorbeeld.nl"));

            assertThat(rejected.status()).isEqualTo(SendStatus.FAILED);
            assertThat(rejected.replyCode()).as("the RCPT reply decides, not DATA's 554 that follows it").isEqualTo(550);
            assertThat(next.status()).as(next.toString()).isEqualTo(SendStatus.SENT);
            assertThat(server.accepted).extracting(FaultySmtpServer.Accepted::recipient).containsExactly("klant@voorbeeld.nl");
            assertThat(server.connections.get()).isEqualTo(1);
        }
    }

    @Test
    void linesStartingWithADotAndBareLineEndsArriveIntact() throws Exception {
        String body = "Subject: punten\r\n\r\n.begint met een punt\r\n.\r\n..\r\nkale LF\nkale CR\rlaatste regel zonder einde";
        BuiltMessage message = new BuiltMessage("<x@voorbeeld.nl>", "bounce+t@voorbeeld.nl", "klant@voorbeeld.nl",
                body.getBytes(StandardCharsets.US_ASCII));
        try (FaultySmtpServer server = server(); SmtpSender sender = new SmtpSender(settings(server.port()))) {
            assertThat(sender.send(message).status()).isEqualTo(SendStatus.SENT);
            assertThat(server.accepted.getFirst().data()).isEqualTo(
                    "Subject: punten\r\n\r\n.begint met een punt\r\n.\r\n..\r\nkale LF\r\nkale CR\r\nlaatste regel zonder einde\r\n");
        }
    }

    @Test
    void anEnvelopeAddressWithALineBreakIsRefusedWithoutTouchingTheServer() throws Exception {
        BuiltMessage message = new BuiltMessage("<x@voorbeeld.nl>", "bounce+t@voorbeeld.nl",
                "klant@voorbeeld.nl>\r\nRCPT TO:<ander@voorbeeld.nl", "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
        try (FaultySmtpServer server = server(); SmtpSender sender = new SmtpSender(settings(server.port()))) {
            SendResult result = sender.send(message);
            assertThat(result.status()).isEqualTo(SendStatus.FAILED);
            assertThat(result.replyCode()).isZero();
            assertThat(server.connections.get()).isZero();
        }
    }

    @Test
    void aServerThatStopsReadingIsCutOffByTheWriteTimeout() throws Exception {
        // Far more than the socket buffers of both ends hold, so the write has to block.
        byte[] big = ("Subject: groot\r\n\r\n" + "x".repeat(998) + "\r\n").repeat(40_000).getBytes(StandardCharsets.US_ASCII);
        BuiltMessage message = new BuiltMessage("<x@voorbeeld.nl>", "bounce+t@voorbeeld.nl", "noread@voorbeeld.nl", big);
        try (FaultySmtpServer server = server();
             SmtpSender sender = new SmtpSender(settings(server.port()).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(2)))) {
            SendResult result = sender.send(message);

            assertThat(result.status()).isEqualTo(SendStatus.DEFERRED);
            assertThat(result.replyCode()).isZero();
            assertThat(result.replyText()).contains("write timeout");
            server.releaseStall.countDown();
            assertThat(sender.send(to("klant@voorbeeld.nl")).status()).as("a fresh connection for the next").isEqualTo(SendStatus.SENT);
        }
    }

    @Test
    void manyMessagesOverPipelinedConnectionsAllArrive() throws Exception {
        try (FaultySmtpServer server = server(); SmtpSender sender = new SmtpSender(settings(server.port()).withConnections(3))) {
            List<BuiltMessage> messages = java.util.stream.IntStream.range(0, 40).mapToObj(i -> to("klant" + i + "@voorbeeld.nl")).toList();
            assertThat(sender.sendAll(messages)).extracting(SendResult::status).containsOnly(SendStatus.SENT);
            assertThat(server.accepted).hasSize(40);
        }
    }
}
