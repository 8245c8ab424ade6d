/**
 * The inbound mailbox: what comes back after sending, received by an SMTP listener of Mailwijs
 * ({@code mailwijs.inbound.smtp.*}), by polling a real mailbox over IMAP ({@code mailwijs.inbound.imap.*}),
 * or uploaded through {@code POST /api/v1/inbound}. Every message is stored as received before
 * anything else happens, then read by {@link nl.mailwijs.inbound.InboundParser} and acted on:
 * <ul>
 *   <li>a bounce (RFC 3464 DSN, or one in text) for a message Mailwijs sent: that address's bounce is
 *       recorded, and a hard one suppresses the address ({@link nl.mailwijs.suppressions.Suppressions});</li>
 *   <li>a complaint (RFC 5965 feedback report): an objection of the person in the ledger (route
 *       COMPLAINT), with the report;</li>
 *   <li>mail to a message's {@code List-Unsubscribe} mailto address: an objection (route EMAIL), with
 *       the message.</li>
 * </ul>
 * Which message a report is about is told only by the per-message token (the envelope sender
 * {@code bounce+TOKEN@domain}, the unsubscribe address, or the token the parser found in the report),
 * verified against the server's key: never by an address in the report. A message without a valid
 * token is kept and marked UNMATCHED for a person to read. A message that cannot be read is kept
 * and flagged; processing never throws.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inbound mailbox")
package nl.mailwijs.inbox;
