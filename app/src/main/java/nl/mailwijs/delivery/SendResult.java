package nl.mailwijs.delivery;

/**
 * The outcome of sending one message to its one recipient.
 *
 * @param messageId the Message-ID that was sent
 * @param recipient the RCPT TO address
 * @param status    SENT, DEFERRED or FAILED
 * @param replyCode the SMTP reply code that decided it, or 0 when there was none (connection failed, timeout)
 * @param replyText the server's reply, or what went wrong on the connection
 * @param relay     the relay it went to ({@code host:port}), or {@code null} when none was reachable
 */
public record SendResult(String messageId, String recipient, SendStatus status, int replyCode, String replyText, String relay) {
}
