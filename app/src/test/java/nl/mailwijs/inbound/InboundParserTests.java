package nl.mailwijs.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Rules of the parser that the corpus shows only in passing, each on a minimal message. */
class InboundParserTests {

    private static final String TOKEN = "ypeBEsobvcr6wjGzmiPcTaeG7_gUfE5yuYB3ha_uSLs";

    private final InboundParser parser = new InboundParser();

    @Test
    void aDsnFailureWithAFiveStatusIsPermanentAndADelayIsNot() {
        InboundReport report = parse(dsn("""
                Final-Recipient: rfc822; a@example.com
                Action: failed
                Status: 5.1.1

                Final-Recipient: rfc822; b@example.com
                Action: delayed
                Status: 4.4.1
                """));

        assertThat(report.kind()).isEqualTo(ReportKind.DSN);
        assertThat(report.recipients()).containsExactly(
                new FailedRecipient("a@example.com", true, "5.1.1", null),
                new FailedRecipient("b@example.com", false, "4.4.1", null));
        assertThat(report.hasPermanentFailure()).isTrue();
    }

    @Test
    void aFullMailboxIsNeverPermanentEvenWithAFiveStatus() {
        InboundReport report = parse(dsn("""
                Final-Recipient: rfc822; full@example.com
                Action: failed
                Status: 5.2.2
                Diagnostic-Code: smtp; 552 5.2.2 Mailbox full
                """));

        assertThat(report.recipients()).singleElement().extracting(FailedRecipient::permanent).isEqualTo(false);
    }

    @Test
    void deliveredRelayedAndExpandedRecipientsAreLeftOut() {
        InboundReport report = parse(dsn("""
                Final-Recipient: rfc822; a@example.com
                Action: delivered
                Status: 2.0.0

                Final-Recipient: rfc822; b@example.com
                Action: relayed
                Status: 2.0.0

                Final-Recipient: rfc822; c@example.com
                Action: expanded
                Status: 2.0.0
                """));

        assertThat(report.kind()).isEqualTo(ReportKind.DSN);
        assertThat(report.recipients()).isEmpty();
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void theTokenComesFromTheEnvelopeSenderTheReportIsAddressedTo() {
        assertThat(parse(dsn("Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\n")).token()).isEqualTo(TOKEN);
    }

    @Test
    void aTokenOfTheWrongShapeIsNotTaken() {
        InboundReport report = parse("""
                From: MAILER-DAEMON@mx.example.com
                To: bounce+not/a*token@mail.example.nl
                Subject: Undelivered Mail Returned to Sender

                This is the mail system at host mx.example.com.

                <a@example.com>: host said: 550 5.1.1 User unknown

                X-Mailwijs-Token: has spaces in it
                List-Unsubscribe: <https://mail.example.nl/u/tooShort123>
                """);

        assertThat(report.kind()).isEqualTo(ReportKind.BOUNCE_OTHER);
        assertThat(report.token()).isNull();
    }

    @Test
    void differentTokensInOneReportAreNamedAsAProblem() {
        InboundReport report = parse("""
                From: MAILER-DAEMON@mx.example.com
                To: bounce+first@mail.example.nl
                Subject: Undelivered Mail Returned to Sender

                This is the mail system at host mx.example.com.

                <a@example.com>: host said: 550 5.1.1 User unknown

                Return-Path: <bounce+second@mail.example.nl>
                """);

        assertThat(report.token()).isEqualTo("first");
        assertThat(report.problems()).anyMatch(problem -> problem.contains("several different tokens"));
    }

    @Test
    void aBounceThatSaysItWillRetryIsTemporaryWhateverTheCode() {
        InboundReport report = parse("""
                From: MAILER-DAEMON@mx.example.com
                To: bounce+t@mail.example.nl
                Subject: Delayed Mail (still being retried)

                This is the mail system at host mx.example.com.
                # THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #

                <a@example.com>: host said: 550 5.7.1 blocked
                """);

        assertThat(report.recipients()).singleElement().extracting(FailedRecipient::permanent).isEqualTo(false);
    }

    @Test
    void withoutACodeOrTellingWordsAFailureIsNotTakenAsPermanent() {
        InboundReport report = parse("""
                From: MAILER-DAEMON@mx.example.com
                To: bounce+t@mail.example.nl
                Subject: Mail delivery failed

                This message was created automatically by mail delivery software.

                  a@example.com
                    something went wrong
                """);

        assertThat(report.recipients()).containsExactly(new FailedRecipient("a@example.com", false, null, "something went wrong"));
    }

    @Test
    void theReportsOwnAddressesAndPostmasterAreNeverRecipients() {
        InboundReport report = parse("""
                From: MAILER-DAEMON@mx.example.com
                To: bounce+t@mail.example.nl
                Subject: Mail delivery failed

                This message was created automatically by mail delivery software.

                  postmaster@mx.example.com
                  MAILER-DAEMON@mx.example.com
                  bounce+t@mail.example.nl
                """);

        assertThat(report.recipients()).isEmpty();
        assertThat(report.problems()).contains("a bounce that names no failed address this parser can read");
    }

    @Test
    void anOutOfOfficeThatMentionsDeliveryIsAnAutoReplyNotABounce() {
        InboundReport report = parse("""
                From: jan@example.com
                To: bounce+t@mail.example.nl
                Subject: Automatic reply: Nieuwsbrief
                Auto-Submitted: auto-replied

                I'm away. Your message was not delivered to colleague@example.com either.
                """);

        assertThat(report.kind()).isEqualTo(ReportKind.NOT_A_REPORT);
        assertThat(report.autoReply()).isTrue();
        assertThat(report.recipients()).isEmpty();
    }

    @Test
    void aRedactedComplainantIsNotReportedButTheComplaintIs() {
        InboundReport report = parse("""
                From: fbl@isp.example.com
                To: fbl@mail.example.nl
                Subject: report
                Content-Type: multipart/report; report-type=feedback-report; boundary=b

                --b
                Content-Type: message/feedback-report

                Feedback-Type: Abuse
                Original-Rcpt-To: <redacted@isp.example.com>
                Original-Mail-From: <bounce+tok_1@mail.example.nl>

                --b--
                """);

        assertThat(report.kind()).isEqualTo(ReportKind.ARF);
        assertThat(report.feedbackType()).isEqualTo("abuse");
        assertThat(report.recipients()).isEmpty();
        assertThat(report.token()).isEqualTo("tok_1");
    }

    @Test
    void jsonEscapesWhatAReportMayCarry() {
        InboundReport report = new InboundReport(ReportKind.BOUNCE_OTHER,
                java.util.List.of(new FailedRecipient("a@example.com", true, null, "quote \" backslash \\ tab \t \u0001 \ud800")),
                null, null, false, java.util.List.of());

        assertThat(InboundReportJson.write("dir/x\".eml", report)).isEqualTo(
                "{\"file\":\"dir/x\\\".eml\",\"kind\":\"BOUNCE_OTHER\",\"recipients\":[{\"address\":\"a@example.com\",\"permanent\":true,"
                        + "\"status\":null,\"diagnostic\":\"quote \\\" backslash \\\\ tab \\t \\u0001 \\ud800\"}],"
                        + "\"feedbackType\":null,\"token\":null,\"autoReply\":false,\"problems\":[]}");
    }

    private InboundReport parse(String message) {
        return parser.parse(message.getBytes(StandardCharsets.UTF_8));
    }

    private static String dsn(String recipients) {
        return """
                From: MAILER-DAEMON@mx.example.com
                To: bounce+%s@mail.example.nl
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                Report.

                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.com

                %s
                --b--
                """.formatted(TOKEN, recipients);
    }
}
