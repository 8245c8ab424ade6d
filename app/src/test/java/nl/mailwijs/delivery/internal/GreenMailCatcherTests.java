package nl.mailwijs.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;

import nl.mailwijs.delivery.MailCatcher;
import nl.mailwijs.delivery.Mailbox;
import nl.mailwijs.delivery.MessageBuilder;
import nl.mailwijs.delivery.OutgoingMessage;
import nl.mailwijs.delivery.SendStatus;
import nl.mailwijs.delivery.SmtpRelay;
import nl.mailwijs.delivery.SmtpSender;
import nl.mailwijs.delivery.SmtpSettings;

class GreenMailCatcherTests {

    @Test
    void aTakenPortIsReportedInsteadOfThrown() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            GreenMailCatcher catcher = new GreenMailCatcher(10).start(taken.getLocalPort());

            assertThat(catcher.running()).isFalse();
            assertThat(catcher.port()).isEqualTo(-1);
            assertThat(catcher.problem()).get().asString().contains("port " + taken.getLocalPort() + " on 127.0.0.1 is taken",
                    "mailwijs.delivery.mail-catcher.port");
            assertThat(catcher.failure()).as("the code and port the pages say it with")
                    .contains(new MailCatcher.StartFailure(MailCatcher.Failure.PORT_TAKEN, taken.getLocalPort()));
        }
    }

    @Test
    void itKeepsOnlyTheNewestMessagesNewestFirst() {
        GreenMailCatcher catcher = new GreenMailCatcher(3).start(0);
        MessageBuilder builder = new MessageBuilder(Clock.systemUTC());
        try (SmtpSender sender = new SmtpSender(SmtpSettings.of(List.of(SmtpRelay.plain("127.0.0.1", catcher.port()))).withConnections(1))) {
            for (int i = 1; i <= 5; i++) {
                OutgoingMessage message = new OutgoingMessage(Mailbox.of("info@example.nl"), Mailbox.of("klant" + i + "@example.nl"),
                        "Bericht " + i, "tekst", null, "lijst.example.nl", "https://example.nl/u/x", null, "t" + i);
                assertThat(sender.send(builder.build(message)).status()).isEqualTo(SendStatus.SENT);
            }
            assertThat(catcher.list(0, 10).total()).isEqualTo(3);
            assertThat(catcher.list(0, 10).messages()).extracting(m -> m.subject()).containsExactly("Bericht 5", "Bericht 4", "Bericht 3");
            assertThat(catcher.list(1, 2).messages()).extracting(m -> m.subject()).containsExactly("Bericht 3");
            long newest = catcher.list(0, 1).messages().getFirst().id();
            assertThat(catcher.get(newest)).get().satisfies(details -> {
                assertThat(details.text()).isEqualTo("tekst");
                assertThat(details.html()).isNull();
                assertThat(details.recipient()).isEqualTo("klant5@example.nl");
                assertThat(details.envelopeFrom()).isEqualTo("bounce+t5@example.nl");
            });
            assertThat(catcher.clear()).isEqualTo(3);
        } finally {
            catcher.stop();
        }
    }
}
