package nl.mailwijs.delivery;

/**
 * A message ready for SMTP: its RFC 5322 bytes (CRLF line endings, 7-bit clean) and the envelope.
 *
 * @param messageId    the Message-ID header value including the angle brackets, to keep with the outbox row
 * @param envelopeFrom the SMTP {@code MAIL FROM} (becomes Return-Path at the receiver)
 * @param recipient    the SMTP {@code RCPT TO}, ASCII (IDN domains as A-labels)
 * @param bytes        the whole message; do not modify (shared, not copied, for speed)
 */
public record BuiltMessage(String messageId, String envelopeFrom, String recipient, byte[] bytes) {

    /** The recipient's domain, lower case: the key of the per-domain rate limit. */
    public String recipientDomain() {
        return recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
