package nl.mailwijs.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import nl.mailwijs.inbox.internal.ImapPoller;
import nl.mailwijs.inbox.internal.InboundProperties;
import nl.mailwijs.inbox.internal.InboundRuntime;
import nl.mailwijs.testing.TestDatabase;

/**
 * The IMAP poller against GreenMail's IMAP server on 127.0.0.1, storing into H2 and PostgreSQL:
 * what it takes is stored, processed and removed from the mailbox (or marked seen), a message it
 * sees twice is stored once, and a poll that cannot log in fails quietly with the reason kept.
 */
class ImapPollerTests {

    private static final String USER = "bounce@mail.example.nl";
    private static final String PASSWORD = "geheim-wachtwoord";

    private GreenMail greenMail;
    private GreenMailUser mailboxUser;

    @BeforeEach
    void startImap() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
        greenMail.start();
        mailboxUser = greenMail.setUser(USER, USER, PASSWORD);
    }

    @AfterEach
    void stopImap() {
        greenMail.stop();
    }

    private ImapPoller poller(InboxFixture f, boolean deleteProcessed, String password) {
        return new ImapPoller(f.mailbox, new ImapPoller.Settings("127.0.0.1", greenMail.getImap().getPort(), false, USER, password, "INBOX",
                deleteProcessed, 10, Duration.ofSeconds(10)), f.clock);
    }

    private void deliver(byte[] raw) throws Exception {
        mailboxUser.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void whatThePollerTakesIsStoredProcessedAndRemovedFromTheMailbox(TestDatabase database) throws Exception {
        InboxFixture f = new InboxFixture(database);
        long jan = f.contact("k-1", "jan.jansen@example.com");
        long piet = f.contact("k-2", "piet@example.com");
        String janToken = f.sent(jan, "jan.jansen@example.com");
        String pietToken = f.sent(piet, "piet@example.com");
        deliver(InboxFixture.sample("dsn-postfix-user-unknown", janToken));
        deliver(InboxFixture.sample("arf-yahoo-abuse-redacted", pietToken));
        deliver(("From: piet@example.com\r\nTo: <bounce+unsubscribe." + pietToken + "@mail.example.nl>\r\nSubject: unsubscribe\r\n"
                + "Message-ID: <u1@example.com>\r\n\r\nunsubscribe\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ImapPoller poller = poller(f, true, PASSWORD);

        assertThat(poller.pollOnce()).isEqualTo(3);

        List<InboundMessage> stored = f.mailbox.list(null, null, 0, 10).reversed();
        assertThat(stored).extracting(InboundMessage::kind)
                .containsExactly(InboundKind.DSN, InboundKind.ARF, InboundKind.UNSUBSCRIBE_REQUEST);
        assertThat(stored).extracting(InboundMessage::outcome)
                .containsExactly(InboundOutcome.ADDRESS_SUPPRESSED, InboundOutcome.OBJECTION_RECORDED, InboundOutcome.OBJECTION_RECORDED);
        assertThat(stored).allSatisfy(message -> {
            assertThat(message.source()).isEqualTo(InboundSource.IMAP);
            assertThat(message.sourceDetail()).startsWith("IMAP imap://" + USER + "@127.0.0.1:");
        });
        assertThat(f.suppressions.inForce("jan.jansen@example.com")).isPresent();
        assertThat(f.ledger.evidenceOf(piet).objections()).hasSize(2);
        assertThat(greenMail.getReceivedMessages()).as("taken from the mailbox").isEmpty();
        assertThat(poller.pollOnce()).isZero();
        assertThat(poller.status().lastError()).isNull();
        assertThat(poller.status().lastPollAt()).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void keepingTheMessagesMarksThemSeenAndAMessageSeenAgainIsStoredOnce(TestDatabase database) throws Exception {
        InboxFixture f = new InboxFixture(database);
        deliver(InboxFixture.resource("/inbound/autoreply-out-of-office-en.eml"));
        deliver(InboxFixture.resource("/inbound/malformed-binary-junk.eml"));
        ImapPoller poller = poller(f, false, PASSWORD);

        assertThat(poller.pollOnce()).isEqualTo(2);
        assertThat(poller.pollOnce()).as("seen ones are left alone").isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(2);

        // As if the poller had died after storing them and before flagging them: they are unseen again.
        Properties properties = new Properties();
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect("127.0.0.1", greenMail.getImap().getPort(), USER, PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (Message message : inbox.getMessages()) {
                message.setFlag(Flags.Flag.SEEN, false);
            }
            inbox.close(false);
        } finally {
            store.close();
        }
        assertThat(poller.pollOnce()).isEqualTo(2);
        assertThat(f.mailbox.count(null, null)).as("stored once").isEqualTo(2);
        assertThat(f.mailbox.list(null, InboundKind.AUTO_REPLY, 0, 10)).hasSize(1);
        assertThat(f.mailbox.list(null, InboundKind.NOT_A_REPORT, 0, 10)).singleElement()
                .satisfies(junk -> assertThat(junk.malformed()).isTrue());
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aPollThatCannotLogInFailsQuietlyAndSaysWhy(TestDatabase database) throws Exception {
        InboxFixture f = new InboxFixture(database);
        deliver(InboxFixture.resource("/inbound/autoreply-out-of-office-en.eml"));
        ImapPoller poller = poller(f, true, "wrong");

        assertThat(poller.pollOnce()).isEqualTo(-1);
        assertThat(poller.status().lastError()).contains("AuthenticationFailedException");
        assertThat(f.mailbox.count(null, null)).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);

        ImapPoller elsewhere = new ImapPoller(f.mailbox, new ImapPoller.Settings("127.0.0.1", greenMail.getImap().getPort(), false, USER,
                PASSWORD, "Bounces", true, 10, Duration.ofSeconds(10)), f.clock);
        assertThat(elsewhere.pollOnce()).isEqualTo(-1);
        assertThat(elsewhere.status().lastError()).contains("'Bounces' does not exist");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void theServerPollsTheMailboxOnItsOwnWhileItRuns(TestDatabase database) throws Exception {
        InboxFixture f = new InboxFixture(database);
        deliver(InboxFixture.resource("/inbound/autoreply-out-of-office-en.eml"));
        InboundRuntime runtime = new InboundRuntime(f.mailbox, new InboundProperties(
                new InboundProperties.Smtp(false, 0, "127.0.0.1", null, 1, Duration.ofSeconds(10)),
                new InboundProperties.Imap("127.0.0.1", greenMail.getImap().getPort(), false, USER, PASSWORD, "INBOX", Duration.ofSeconds(1),
                        true, 10, Duration.ofSeconds(10))), f.clock);
        runtime.start();
        try {
            assertThat(runtime.text(8080)).contains("polling imap://" + USER + "@127.0.0.1:");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (f.mailbox.count(InboundOutcome.NO_ACTION, null) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(f.mailbox.list(null, null, 0, 10)).singleElement()
                    .satisfies(message -> assertThat(message.kind()).isEqualTo(InboundKind.AUTO_REPLY));
            deliver(InboxFixture.resource("/inbound/autoreply-outlook-nl.eml"));
            deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (f.mailbox.count(InboundOutcome.NO_ACTION, null) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(f.mailbox.count(null, null)).as("the next interval took the next message").isEqualTo(2);
        } finally {
            runtime.stop();
        }
        assertThat(runtime.isRunning()).isFalse();
    }
}
