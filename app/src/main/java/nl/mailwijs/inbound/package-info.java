/**
 * Inbound: reads what comes back after sending. {@link nl.mailwijs.inbound.InboundParser#parse(byte[])}
 * takes one raw RFC 5322 message and returns an {@link nl.mailwijs.inbound.InboundReport}: whether it
 * is a delivery status notification (RFC 3464), a feedback report (RFC 5965, a complaint), a bounce
 * in one of the non-standard formats mail systems still send, or none of these (auto-replies
 * included); the failed recipients with permanent or temporary; and the per-message token from the
 * envelope sender {@code bounce+TOKEN@domain}, which is how a report is tied to the message it is
 * about when a provider redacts the recipient.
 *
 * <p>Pure Java on purpose: no database, no Spring, no Jakarta Mail. The same parser serves
 * {@code bin/mailwijs inbound parse} and, later, the server's SMTP listener or IMAP poller; what a
 * report does to the ledger (suppression, objection) is decided there, not here.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inbound")
package nl.mailwijs.inbound;
