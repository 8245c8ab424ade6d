package nl.mailwijs.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.Test;

/**
 * Real sockets on 127.0.0.1: GreenMail for the happy path, {@link FaultySmtpServer} for the rest;
 * {@link PipeliningSmtpSenderTests} runs every test again with a server that offers PIPELINING.
 */
class SmtpSenderTests {

    final MessageBuilder builder = new MessageBuilder(Clock.systemUTC());

    /** The fault server these tests talk to; one that does not pipeline. */
    FaultySmtpServer server() throws IOException {
        return new FaultySmtpServer(false);
    }

    BuiltMessage to(String address) {
        OutgoingMessage m = MessageBuilderTests.message();
        return builder.build(new OutgoingMessage(m.from(), Mailbox.of(address), m.subject(), m.text(), m.html(), m.listId(),
                m.unsubscribeUrl(), m.unsubscribeMailto(), m.bounceToken()));
    }

    static SmtpSettings settings(int... ports) {
        List<SmtpRelay> relays = new ArrayList<>();
        for (int port : ports) {
            relays.add(SmtpRelay.plain("127.0.0.1", port));
        }
        return SmtpSettings.of(relays).withConnections(1)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void manyMessagesGoThroughAFewReusedConnectionsToGreenMail() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        try (SmtpSender sender = new SmtpSender(settings(greenMail.getSmtp().getPort()).withConnections(3))) {
            List<BuiltMessage> messages = IntStream.range(0, 60).mapToObj(i -> to("klant" + i + "+tag@voorbeeld.nl")).toList();

            List<SendResult> results = sender.sendAll(messages);

            assertThat(results).extracting(SendResult::status).containsOnly(SendStatus.SENT);
            assertThat(results).extracting(SendResult::recipient).containsExactlyElementsOf(messages.stream().map(BuiltMessage::recipient).toList());
            assertThat(results).extracting(SendResult::replyCode).containsOnly(250);
            assertThat(greenMail.waitForIncomingEmail(10_000, 60)).isTrue();
            assertThat(greenMail.getReceivedMessages()).hasSize(60);
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void oneConnectionCarriesMessageAfterMessage() throws Exception {
        try (FaultySmtpServer server = server(); SmtpSender sender = new SmtpSender(settings(server.port()))) {
            for (int i = 0; i < 5; i++) {
                assertThat(sender.send(to("klant" + i + "@voorbeeld.nl")).status()).isEqualTo(SendStatus.SENT);
            }
            assertThat(server.connections.get()).isEqualTo(1);
            assertThat(server.noops.get()).as("no round trip to check a connection that just worked").isZero();
            assertThat(server.accepted).hasSize(5);
        }
    }

    @Test
    void eachReplyIsClassifiedWithItsCodeAndText() throws Exception {
        try (FaultySmtpServer server = server(); SmtpSender sender = new SmtpSender(settings(server.port()))) {
            SendResult ok = sender.send(to("klant@voorbeeld.nl"));
            SendResult rejected = sender.send(to("reject550@voorbeeld.nl"));
            SendResult deferred = sender.send(to("defer451@voorbeeld.nl"));
            SendResult busy = sender.send(to("busy421@voorbeeld.nl"));
            SendResult afterwards = sender.send(to("klant2@voorbeeld.nl"));

            assertThat(ok.status()).isEqualTo(SendStatus.SENT);
            assertThat(ok.replyCode()).isEqualTo(250);
            assertThat(ok.replyText()).contains("queued as 1");
            assertThat(ok.relay()).isEqualTo("127.0.0.1:" + server.port());
            assertThat(rejected.status()).isEqualTo(SendStatus.FAILED);
            assertThat(rejected.replyCode()).isEqualTo(550);
            assertThat(rejected.replyText()).contains("no such user");
            assertThat(deferred.status()).isEqualTo(SendStatus.DEFERRED);
            assertThat(deferred.replyCode()).isEqualTo(451);
            assertThat(deferred.replyText()).contains("try later");
            assertThat(busy.status()).isEqualTo(SendStatus.DEFERRED);
            assertThat(busy.replyCode()).isEqualTo(421);
            assertThat(afterwards.status()).as(afterwards.toString()).isEqualTo(SendStatus.SENT);
            assertThat(server.connections.get()).as("a new connection after the 421").isEqualTo(2);
        }
    }

    @Test
    void aDroppedConnectionIsDeferredAndTheNextMessageReconnects() throws Exception {
        try (FaultySmtpServer server = server(); SmtpSender sender = new SmtpSender(settings(server.port()))) {
            SendResult dropped = sender.send(to("drop@voorbeeld.nl"));
            SendResult next = sender.send(to("klant@voorbeeld.nl"));

            assertThat(dropped.status()).isEqualTo(SendStatus.DEFERRED);
            assertThat(dropped.replyCode()).isZero();
            assertThat(dropped.replyText()).startsWith("connection failed");
            assertThat(next.status()).as(next.toString()).isEqualTo(SendStatus.SENT);
            assertThat(server.connections.get()).isEqualTo(2);
        }
    }

    @Test
    void aStallingServerTimesOutOnItsOwnConnectionWhileTheOthersKeepSending() throws Exception {
        try (FaultySmtpServer server = server();
             SmtpSender sender = new SmtpSender(settings(server.port()).withConnections(2)
                     .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ofSeconds(4)))) {
            CompletableFuture<SendResult> stalled = CompletableFuture.supplyAsync(() -> sender.send(to("stall@voorbeeld.nl")),
                    command -> Thread.ofVirtual().start(command));
            assertThat(server.stalling.await(10, TimeUnit.SECONDS)).isTrue();

            List<SendResult> others = sender.sendAll(IntStream.range(0, 5).mapToObj(i -> to("klant" + i + "@voorbeeld.nl")).toList());

            assertThat(others).extracting(SendResult::status).containsOnly(SendStatus.SENT);
            assertThat(stalled).as("the stalled message is still waiting for its reply").isNotDone();
            SendResult timedOut = stalled.get(20, TimeUnit.SECONDS);
            assertThat(timedOut.status()).isEqualTo(SendStatus.DEFERRED);
            assertThat(timedOut.replyCode()).isZero();
            assertThat(timedOut.replyText()).containsIgnoringCase("timeout");
        }
    }

    @Test
    void anUnreachableRelayIsSkippedForTheNext() throws Exception {
        int deadPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = probe.getLocalPort();
        }
        try (FaultySmtpServer server = server()) {
            try (SmtpSender onlyDead = new SmtpSender(settings(deadPort))) {
                SendResult refused = onlyDead.send(to("klant@voorbeeld.nl"));
                assertThat(refused.status()).isEqualTo(SendStatus.DEFERRED);
                assertThat(refused.replyCode()).isZero();
                assertThat(refused.relay()).isEqualTo("127.0.0.1:" + deadPort);
            }
            try (SmtpSender failover = new SmtpSender(settings(deadPort, server.port()))) {
                SendResult sent = failover.send(to("klant@voorbeeld.nl"));
                assertThat(sent.status()).as(sent.toString()).isEqualTo(SendStatus.SENT);
                assertThat(sent.relay()).isEqualTo("127.0.0.1:" + server.port());
            }
        }
    }

    @Test
    void withoutARelayEverySendIsDeferredSayingWhy() {
        try (SmtpSender sender = new SmtpSender(SmtpSettings.of(List.of()))) {
            SendResult result = sender.send(to("klant@voorbeeld.nl"));
            assertThat(result.status()).isEqualTo(SendStatus.DEFERRED);
            assertThat(result.replyText()).contains("no SMTP relay");
        }
    }

    @Test
    void aRunOverOneConnectionGetsPastEveryKindOfFaultInItsMiddle() throws Exception {
        try (FaultySmtpServer server = server(); SmtpSender sender = new SmtpSender(settings(server.port()))) {
            List<String> recipients = List.of("klant0@voorbeeld.nl", "reject550@voorbeeld.nl", "klant1@voorbeeld.nl", "defer451@voorbeeld.nl",
                    "klant2@voorbeeld.nl", "drop@voorbeeld.nl", "klant3@voorbeeld.nl", "busy421@voorbeeld.nl", "klant4@voorbeeld.nl");

            List<SendResult> results = sender.sendAll(recipients.stream().map(this::to).toList());

            assertThat(results).extracting(SendResult::recipient).containsExactlyElementsOf(recipients);
            assertThat(results).extracting(SendResult::status).containsExactly(SendStatus.SENT, SendStatus.FAILED, SendStatus.SENT,
                    SendStatus.DEFERRED, SendStatus.SENT, SendStatus.DEFERRED, SendStatus.SENT, SendStatus.DEFERRED, SendStatus.SENT);
            assertThat(results).extracting(SendResult::replyCode).containsExactly(250, 550, 250, 451, 250, 0, 250, 421, 250);
            assertThat(results.get(5).replyText()).startsWith("connection failed");
            assertThat(server.accepted).extracting(FaultySmtpServer.Accepted::recipient)
                    .containsExactly("klant0@voorbeeld.nl", "klant1@voorbeeld.nl", "klant2@voorbeeld.nl", "klant3@voorbeeld.nl", "klant4@voorbeeld.nl");
            assertThat(server.connections.get()).as("a new connection after the drop and after the 421, none else").isEqualTo(3);
        }
    }

    @Test
    void aReplyThatDoesNotComeWithinTheReadTimeoutDefersThatMessageAndTheRunGoesOnOverANewConnection() throws Exception {
        try (FaultySmtpServer server = server();
             SmtpSender sender = new SmtpSender(settings(server.port()).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(5)))) {
            long started = System.nanoTime();
            List<SendResult> results = sender.sendAll(List.of(to("klant0@voorbeeld.nl"), to("stall@voorbeeld.nl"), to("klant1@voorbeeld.nl")));
            long elapsed = System.nanoTime() - started;

            assertThat(results).extracting(SendResult::status).containsExactly(SendStatus.SENT, SendStatus.DEFERRED, SendStatus.SENT);
            assertThat(results.get(1).replyText()).contains("read timeout");
            assertThat(elapsed).as("cut off at the read timeout, not at the server's 20 s").isLessThan(TimeUnit.SECONDS.toNanos(10));
            assertThat(server.accepted).extracting(FaultySmtpServer.Accepted::recipient).containsExactly("klant0@voorbeeld.nl", "klant1@voorbeeld.nl");
        }
    }

    @Test
    void anUnreachableRelayDefersEveryMessageOfARunSayingWhy() throws Exception {
        int deadPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = probe.getLocalPort();
        }
        try (SmtpSender sender = new SmtpSender(settings(deadPort))) {
            List<SendResult> results = sender.sendAll(IntStream.range(0, 4).mapToObj(i -> to("klant" + i + "@voorbeeld.nl")).toList());

            assertThat(results).extracting(SendResult::status).containsOnly(SendStatus.DEFERRED);
            assertThat(results).extracting(SendResult::replyText).allMatch(text -> text.startsWith("connection failed"));
        }
    }

    @Test
    void thePerDomainRateSpacesMessagesToOneDomainButNotAcrossDomains() throws Exception {
        try (FaultySmtpServer server = server();
             SmtpSender sender = new SmtpSender(settings(server.port()).withConnections(2).withRates(0, 2))) {
            // Both connections opened first: a first connect on a busy machine took as long as the pacing
            // this test looks for, and the order below then said nothing about the pacing.
            assertThat(sender.sendAll(List.of(to("c0@drie.example"), to("c1@vier.example")))).extracting(SendResult::status)
                    .containsOnly(SendStatus.SENT);
            int warmUp = server.accepted.size();
            List<BuiltMessage> messages = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                messages.add(to("a" + i + "@een.example"));
                messages.add(to("b" + i + "@twee.example"));
            }
            long started = System.nanoTime();
            assertThat(sender.sendAll(messages)).extracting(SendResult::status).containsOnly(SendStatus.SENT);
            long elapsed = System.nanoTime() - started;

            // 2 per second per domain: the third message to a domain cannot start before a second.
            assertThat(elapsed).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(990));
            // The other domain was not queued behind the first: its first message came before the first domain's last.
            List<String> order = server.accepted.stream().skip(warmUp).map(FaultySmtpServer.Accepted::recipient).toList();
            assertThat(order.indexOf("b0@twee.example")).isLessThan(order.indexOf("a2@een.example"));
            assertThat(order.indexOf("a0@een.example")).isLessThan(order.indexOf("b2@twee.example"));
        }
    }
}
