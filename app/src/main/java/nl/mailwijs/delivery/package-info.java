/**
 * Delivery: turns one message for one recipient into signed RFC 5322 bytes and hands them to an
 * SMTP relay (or the built-in mail catcher). The API a campaign or outbox module calls, in order:
 * <ol>
 *   <li>{@link nl.mailwijs.delivery.MessageBuilder#build(OutgoingMessage)}: MIME bytes with the
 *       headers the law and the mailbox providers ask for (List-Unsubscribe one-click, Message-ID,
 *       a per-message envelope sender), every header value checked for injection;</li>
 *   <li>{@link nl.mailwijs.delivery.DkimSigning#sign(BuiltMessage)}: DKIM signatures (RSA-SHA256,
 *       optionally also Ed25519);</li>
 *   <li>{@link nl.mailwijs.delivery.SmtpSender#send(BuiltMessage)} or
 *       {@link nl.mailwijs.delivery.SmtpSender#sendAll(java.util.List)}: over pooled connections,
 *       rate-limited, with a {@link nl.mailwijs.delivery.SendResult} per message.</li>
 * </ol>
 * {@link nl.mailwijs.delivery.UnsubscribeTokens} makes and checks the per-recipient tokens that
 * go into the unsubscribe URL. The one thing stored here is the sender's DKIM keys
 * ({@link nl.mailwijs.delivery.DkimKeyStore}, {@code /api/v1/settings/dkim-keys}, private keys
 * sealed); {@link nl.mailwijs.delivery.DkimKeyring} picks a message's keys by its From domain from
 * memory. The outbox keeps the token key, the Message-ID and the result with its row.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Delivery")
package nl.mailwijs.delivery;
