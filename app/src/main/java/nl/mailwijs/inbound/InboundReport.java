package nl.mailwijs.inbound;

import java.util.List;

/**
 * What {@link InboundParser} found in one message.
 *
 * @param kind         what the message is
 * @param recipients   for a DSN or other bounce, each failed or delayed recipient (delivered,
 *                     relayed and expanded ones are left out); for a feedback report, the
 *                     complained-about recipient when the provider did not redact it; in the order
 *                     of the report, each address once
 * @param feedbackType for a feedback report, its Feedback-Type in lower case ({@code abuse},
 *                     {@code fraud}, {@code virus}, {@code other}, {@code not-spam}, ...); else {@code null}
 * @param token        the per-message token Mailwijs put in the envelope sender
 *                     ({@code bounce+TOKEN@domain}) or, failing that, in an {@code X-Mailwijs-Token}
 *                     header or the {@code List-Unsubscribe} URL of the returned message; {@code null}
 *                     when the report holds none
 * @param autoReply    {@code true} for an out-of-office or other automatic reply (then the kind is
 *                     {@link ReportKind#NOT_A_REPORT}): never a bounce
 * @param problems     what was wrong with the message (broken MIME, unknown charset, truncation, ...),
 *                     each a sentence; empty for a well-formed message. A report with problems may
 *                     still carry what could be read
 */
public record InboundReport(ReportKind kind, List<FailedRecipient> recipients, String feedbackType, String token,
                            boolean autoReply, List<String> problems) {

    public InboundReport {
        recipients = List.copyOf(recipients);
        problems = List.copyOf(problems);
    }

    /** A failure that is permanent: the address should not be mailed again (a hard bounce or a complaint). */
    public boolean hasPermanentFailure() {
        return recipients.stream().anyMatch(FailedRecipient::permanent);
    }
}
