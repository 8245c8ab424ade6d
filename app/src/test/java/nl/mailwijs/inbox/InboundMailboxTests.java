package nl.mailwijs.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.evidence.EvidenceKind;
import nl.mailwijs.evidence.EvidenceRecord;
import nl.mailwijs.evidence.ObjectionEvidence;
import nl.mailwijs.suppressions.Suppression;
import nl.mailwijs.suppressions.SuppressionReason;
import nl.mailwijs.suppressions.Suppressions;
import nl.mailwijs.testing.TestDatabase;

/**
 * The inbound mailbox on H2 and PostgreSQL, fed the corpus samples with real tokens: what each
 * kind of message does to the suppression list and the ledger, and that a message it cannot read
 * is kept and flagged.
 */
class InboundMailboxTests {

    private static final String JAN = "jan.jansen@example.com";

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aHardBounceSuppressesTheAddressOfTheMessageItsTokenNamesNotThePerson(TestDatabase database) {
        InboxFixture f = new InboxFixture(database);
        long jan = f.contact("k-1", JAN);
        String token = f.sent(jan, JAN);

        InboundMessage message = f.mailbox.receiveAndProcess(InboxFixture.bySmtp(InboxFixture.sample("dsn-postfix-user-unknown", token),
                "bounce+" + token + "@mail.example.nl"));

        assertThat(message.kind()).isEqualTo(InboundKind.DSN);
        assertThat(message.outcome()).as(message.detail()).isEqualTo(InboundOutcome.ADDRESS_SUPPRESSED);
        assertThat(message.detail()).contains("hard bounce (5.1.1", JAN, "address suppressed");
        assertThat(message.malformed()).isFalse();
        assertThat(message.contactId()).isEqualTo(jan);
        assertThat(message.outboxId()).isEqualTo(f.outboxRowOf(token));
        assertThat(message.envelopeFrom()).isEmpty();
        assertThat(message.subject()).isEqualTo("Undelivered Mail Returned to Sender");
        assertThat(message.report()).contains("\"kind\":\"DSN\"", "\"status\":\"5.1.1\"");
        Suppression suppression = f.suppressions.inForce(JAN).orElseThrow();
        assertThat(suppression.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE);
        assertThat(suppression.inboundMessageId()).isEqualTo(message.id());
        assertThat(suppression.outboxId()).isEqualTo(message.outboxId());
        assertThat(f.ledger.recordsOf(jan)).as("a bounce is not an objection").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aBounceIsTiedToItsMessageByTheTokenInTheReportWhenThereIsNoEnvelope(TestDatabase database) {
        InboxFixture f = new InboxFixture(database);
        long anouk = f.contact("k-1", "anouk@example.org");
        String token = f.sent(anouk, "anouk@example.org");

        InboundMessage message = f.mailbox.receiveAndProcess(ReceivedMessage.of(InboxFixture.sample("exim-user-unknown", token,
                Map.of()), InboundSource.IMAP, "IMAP test"));

        assertThat(message.kind()).isEqualTo(InboundKind.BOUNCE_OTHER);
        assertThat(message.contactId()).as(message.detail()).isEqualTo(anouk);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aBounceWithoutAValidTokenIsKeptUnmatchedAndTheAddressInItIsNotUsed(TestDatabase database) {
        InboxFixture f = new InboxFixture(database);
        f.contact("k-1", JAN);

        InboundMessage forged = f.mailbox.receiveAndProcess(ReceivedMessage.of(InboxFixture.resource("/inbound/dsn-postfix-user-unknown.eml"),
                InboundSource.API, "test"));
        InboundMessage none = f.mailbox.receiveAndProcess(ReceivedMessage.of(InboxFixture.sample("dsn-postfix-user-unknown", null,
                Map.of("bounce+ypeBEsobvcr6wjGzmiPcTaeG7_gUfE5yuYB3ha_uSLs", "nieuwsbrief",
                        "/u/ypeBEsobvcr6wjGzmiPcTaeG7_gUfE5yuYB3ha_uSLs", "/")), InboundSource.API, "test"));

        assertThat(forged.outcome()).isEqualTo(InboundOutcome.UNMATCHED);
        assertThat(forged.detail()).contains("not valid");
        assertThat(none.outcome()).isEqualTo(InboundOutcome.UNMATCHED);
        assertThat(none.detail()).contains("without a Mailwijs token");
        assertThat(f.suppressions.inForce(JAN)).isEmpty();
        assertThat(f.suppressions.countBounces(null)).isZero();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aComplaintIsAnObjectionOfThePersonWithTheReportAndIsRecordedOnce(TestDatabase database) {
        InboxFixture f = new InboxFixture(database);
        long jan = f.contact("k-1", JAN);
        String token = f.sent(jan, JAN);

        InboundMessage message = f.mailbox.receiveAndProcess(ReceivedMessage.of(InboxFixture.sample("arf-yahoo-abuse-redacted", token),
                InboundSource.IMAP, "IMAP test"));

        assertThat(message.kind()).isEqualTo(InboundKind.ARF);
        assertThat(message.outcome()).as(message.detail()).isEqualTo(InboundOutcome.OBJECTION_RECORDED);
        List<EvidenceRecord> records = f.ledger.recordsOf(jan);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.kind()).isEqualTo(EvidenceKind.OBJECTION);
            assertThat(record.id()).isEqualTo(message.evidenceRecordId());
            ObjectionEvidence objection = (ObjectionEvidence) record.content();
            assertThat(objection.via()).isEqualTo(ObjectionRoute.COMPLAINT);
            assertThat(objection.at()).isEqualTo(message.receivedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            assertThat(objection.rawEvidence()).contains("Feedback-Type: abuse", "inbound message " + message.id(), "Original-Rcpt-To");
        });
        assertThat(f.ledger.evidenceOf(jan).objections()).singleElement()
                .satisfies(objection -> assertThat(objection.via()).isEqualTo(ObjectionRoute.COMPLAINT));
        assertThat(f.suppressions.inForce(JAN)).as("a complaint is the person's, not the address's").isEmpty();

        f.mailbox.process(message.id());
        assertThat(f.mailbox.processAgain(message.id())).hasValueSatisfying(again -> assertThat(again.outcome())
                .isEqualTo(InboundOutcome.OBJECTION_RECORDED));
        assertThat(f.ledger.recordsOf(jan)).as("processed once").hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aNotSpamReportIsNoComplaint(TestDatabase database) {
        InboxFixture f = new InboxFixture(database);
        long jan = f.contact("k-1", JAN);
        String token = f.sent(jan, JAN);

        InboundMessage message = f.mailbox.receiveAndProcess(ReceivedMessage.of(InboxFixture.sample("arf-not-spam", token),
                InboundSource.IMAP, "IMAP test"));

        assertThat(message.outcome()).as(message.detail()).isEqualTo(InboundOutcome.NO_ACTION);
        assertThat(f.ledger.recordsOf(jan)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void mailToTheUnsubscribeAddressIsAnObjectionByEmailWhetherFoundInTheEnvelopeOrTheHeader(TestDatabase database) {
        InboxFixture f = new InboxFixture(database);
        long jan = f.contact("k-1", JAN);
        long piet = f.contact("k-2", "piet@example.com");
        String janToken = f.sent(jan, JAN);
        String pietToken = f.sent(piet, "piet@example.com");
        String unsubscribe = "bounce+unsubscribe." + janToken + "@mail.example.nl";

        InboundMessage fromImap = f.mailbox.receiveAndProcess(ReceivedMessage.of(("From: Jan <" + JAN + ">\r\nTo: <" + unsubscribe
                + ">\r\nSubject: unsubscribe\r\n\r\nunsubscribe\r\n").getBytes(StandardCharsets.US_ASCII), InboundSource.IMAP, "IMAP test"));
        // By SMTP the envelope counts: a mail client may leave the address out of the header (Bcc).
        InboundMessage bySmtp = f.mailbox.receiveAndProcess(InboxFixture.bySmtp(("From: piet@example.com\r\nSubject: stop\r\n\r\nstop\r\n")
                .getBytes(StandardCharsets.US_ASCII), "bounce+unsubscribe." + pietToken + "@mail.example.nl"));

        for (InboundMessage message : List.of(fromImap, bySmtp)) {
            assertThat(message.kind()).isEqualTo(InboundKind.UNSUBSCRIBE_REQUEST);
            assertThat(message.outcome()).as(message.detail()).isEqualTo(InboundOutcome.OBJECTION_RECORDED);
        }
        assertThat(fromImap.contactId()).isEqualTo(jan);
        assertThat(bySmtp.contactId()).isEqualTo(piet);
        ObjectionEvidence objection = (ObjectionEvidence) f.ledger.recordsOf(jan).getFirst().content();
        assertThat(objection.via()).isEqualTo(ObjectionRoute.EMAIL);
        assertThat(objection.rawEvidence()).contains("List-Unsubscribe mailto", "Subject: unsubscribe");
        assertThat(f.ledger.evidenceOf(piet).objections()).hasSize(1);

        InboundMessage forged = f.mailbox.receiveAndProcess(InboxFixture.bySmtp("Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII),
                "bounce+unsubscribe." + janToken.substring(0, 42) + (janToken.endsWith("A") ? "B" : "A") + "@mail.example.nl"));
        assertThat(forged.outcome()).isEqualTo(InboundOutcome.UNMATCHED);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void softBouncesOfDifferentMessagesSuppressTheAddressAtTheLimit(TestDatabase database) {
        InboxFixture f = new InboxFixture(database);
        long anouk = f.contact("k-1", "anouk@example.org");
        List<InboundMessage> messages = new java.util.ArrayList<>();
        for (int i = 0; i < InboxFixture.SOFT_LIMIT; i++) {
            String token = f.sent(anouk, "anouk@example.org");
            messages.add(f.mailbox.receiveAndProcess(InboxFixture.bySmtp(InboxFixture.sample("qmail-remote-mailbox-full", token),
                    "bounce+" + token + "@mail.example.nl")));
            f.clock.advance(Duration.ofDays(2));
        }

        assertThat(messages.get(0).outcome()).isEqualTo(InboundOutcome.SOFT_BOUNCE_COUNTED);
        assertThat(messages.get(0).detail()).contains("soft bounce", "1 of 3 within 30 days");
        assertThat(messages.get(1).detail()).contains("2 of 3");
        assertThat(messages.get(2).outcome()).isEqualTo(InboundOutcome.ADDRESS_SUPPRESSED);
        assertThat(messages.get(2).detail()).contains("3 of 3 within 30 days: address suppressed");
        assertThat(f.suppressions.inForce("anouk@example.org")).hasValueSatisfying(suppression ->
                assertThat(suppression.reason()).isEqualTo(SuppressionReason.SOFT_BOUNCES));
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void messagesThatCannotBeReadAreKeptAsTheyCameAndFlagged(TestDatabase database) {
        InboxFixture f = new InboxFixture(database, DataSize.ofKilobytes(64));
        List<byte[]> broken = List.of(InboxFixture.resource("/inbound/malformed-binary-junk.eml"),
                InboxFixture.resource("/inbound/malformed-bad-base64-and-nul.eml"),
                InboxFixture.resource("/inbound/malformed-truncated-dsn.eml"),
                new byte[0],
                new byte[] {0, (byte) 0xFF, (byte) 0xFE, '\r', '\n', 0, 'x'});
        for (byte[] raw : broken) {
            InboundMessage message = f.mailbox.receiveAndProcess(ReceivedMessage.of(raw, InboundSource.API, "test"));
            assertThat(message.outcome()).as(message.detail()).isIn(InboundOutcome.NO_ACTION, InboundOutcome.UNMATCHED);
            assertThat(message.malformed()).isTrue();
            assertThat(message.problems()).isNotEmpty();
            assertThat(f.mailbox.raw(message.id())).hasValue(raw);
        }

        byte[] large = ("Subject: big\r\n\r\n" + "x".repeat(100_000)).getBytes(StandardCharsets.US_ASCII);
        InboundMessage truncated = f.mailbox.receiveAndProcess(ReceivedMessage.of(large, InboundSource.API, "test"));
        assertThat(truncated.truncated()).isTrue();
        assertThat(truncated.sizeBytes()).isEqualTo(large.length);
        assertThat(truncated.malformed()).isTrue();
        assertThat(truncated.problems()).anySatisfy(problem -> assertThat(problem).contains("truncated"));
        assertThat(f.mailbox.raw(truncated.id()).orElseThrow()).hasSize(64 * 1024);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void anAutoReplyIsNoBounce(TestDatabase database) {
        InboxFixture f = new InboxFixture(database);
        long jan = f.contact("k-1", JAN);
        String token = f.sent(jan, JAN);
        InboundMessage message = f.mailbox.receiveAndProcess(InboxFixture.bySmtp(InboxFixture.resource("/inbound/autoreply-out-of-office-en.eml"),
                "bounce+" + token + "@mail.example.nl"));
        assertThat(message.kind()).isEqualTo(InboundKind.AUTO_REPLY);
        assertThat(message.outcome()).isEqualTo(InboundOutcome.NO_ACTION);
        assertThat(f.suppressions.countBounces(null)).isZero();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aMessageLeftPendingIsProcessedByTheSweepAndOneFetchedTwiceIsStoredOnce(TestDatabase database) {
        InboxFixture f = new InboxFixture(database);
        long jan = f.contact("k-1", JAN);
        String token = f.sent(jan, JAN);
        byte[] raw = InboxFixture.sample("dsn-postfix-user-unknown", token);
        ReceivedMessage fetched = new ReceivedMessage(raw, raw.length, false, InboundSource.IMAP, "IMAP test", "imap:bounce@host/INBOX/1/7",
                null, List.of());

        long id = f.mailbox.receive(fetched);
        assertThat(f.mailbox.receive(fetched)).isEqualTo(id);
        assertThat(f.mailbox.count(null, null)).isEqualTo(1);
        assertThat(f.mailbox.processPending(10)).as("too recent: its SMTP session may be processing it").isZero();

        f.clock.advance(Duration.ofMinutes(2));
        assertThat(f.mailbox.processPending(10)).isEqualTo(1);
        assertThat(f.mailbox.find(id).orElseThrow().outcome()).isEqualTo(InboundOutcome.ADDRESS_SUPPRESSED);
        assertThat(f.mailbox.list(InboundOutcome.ADDRESS_SUPPRESSED, InboundKind.DSN, 0, 10)).hasSize(1);
        assertThat(f.mailbox.list(InboundOutcome.PENDING, null, 0, 10)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void whenProcessingFailsTheMessageIsKeptFailedAndFlaggedAndNothingIsHalfDone(TestDatabase database) {
        InboxFixture f = new InboxFixture(database);
        long jan = f.contact("k-1", JAN);
        String token = f.sent(jan, JAN);
        // A suppression list on a database without its tables: recording the bounce fails.
        DataSource empty = new DriverManagerDataSource("jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Suppressions broken = new Suppressions(JdbcClient.create(empty), new DataSourceTransactionManager(empty), f.clock, 3,
                Duration.ofDays(30));
        InboundMailbox mailbox = new InboundMailbox(f.jdbc, new DataSourceTransactionManager(f.dataSource), f.clock, f.outbox, f.contacts,
                f.ledger, broken, DataSize.ofMegabytes(1));

        InboundMessage message = mailbox.receiveAndProcess(InboxFixture.bySmtp(InboxFixture.sample("dsn-postfix-user-unknown", token),
                "bounce+" + token + "@mail.example.nl"));

        assertThat(message.outcome()).isEqualTo(InboundOutcome.FAILED);
        assertThat(message.malformed()).isTrue();
        assertThat(message.detail()).startsWith("processing failed:");
        assertThat(message.kind()).isNull();

        InboundMessage again = f.mailbox.processAgain(message.id()).orElseThrow();
        assertThat(again.outcome()).as("processed again once the suppression list works").isEqualTo(InboundOutcome.ADDRESS_SUPPRESSED);
        assertThat(f.suppressions.inForce(JAN)).isPresent();
    }
}
