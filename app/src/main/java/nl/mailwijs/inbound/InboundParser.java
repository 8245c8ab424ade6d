package nl.mailwijs.inbound;

import nl.mailwijs.inbound.internal.ReportReader;

/**
 * Reads one raw inbound message (RFC 5322 bytes, as an SMTP listener receives it or a mailbox
 * stores it) and says whether it is a bounce or a complaint, for which recipients, and which
 * message it is about.
 *
 * <ul>
 *   <li>RFC 3464 delivery status notifications ({@link ReportKind#DSN}): every recipient whose
 *       Action is {@code failed} or {@code delayed}; {@code failed} with a 5.x.x status is permanent,
 *       {@code delayed} or a 4.x.x status temporary; delivered, relayed and expanded recipients are
 *       left out. The address is Original-Recipient when present (what Mailwijs sent to), else
 *       Final-Recipient.</li>
 *   <li>RFC 5965 feedback reports ({@link ReportKind#ARF}): the Feedback-Type, and the recipient
 *       only when the provider left it in (Original-Rcpt-To, or the single To of the returned
 *       message, unless redacted); {@code permanent} means it is a complaint (abuse, fraud, virus).</li>
 *   <li>Bounces in text only ({@link ReportKind#BOUNCE_OTHER}): qmail, Exim, Postfix, Exchange and
 *       Outlook (also in Dutch), GroupWise, Domino, Yahoo, AOL, Gmail, sendmail. Permanent from the
 *       enhanced status or SMTP reply class, else from the wording; a report saying it will retry
 *       makes everything in it temporary; without a code or telling words, temporary.</li>
 *   <li>Everything else is {@link ReportKind#NOT_A_REPORT}; auto-replies (out of office,
 *       "Automatic reply", {@code Auto-Submitted: auto-replied}) are marked {@code autoReply}.</li>
 * </ul>
 *
 * Addresses and tokens are only ever copied from the report, never derived or guessed. Any bytes
 * are accepted: broken MIME, unknown charsets, truncation, huge lines and binary data never
 * throw; they are named in {@link InboundReport#problems()} beside whatever could be read. Only
 * the first {@link #MAX_BYTES} bytes are read. Stateless and thread-safe.
 */
public final class InboundParser {

    /** How much of a message is read; a longer one is reported with a problem saying so. */
    public static final int MAX_BYTES = ReportReader.MAX_BYTES;

    public InboundReport parse(byte[] message) {
        return ReportReader.read(message);
    }
}
