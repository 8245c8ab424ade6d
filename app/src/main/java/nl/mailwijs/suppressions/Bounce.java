package nl.mailwijs.suppressions;

import java.time.Instant;
import java.util.Objects;

/**
 * One message that bounced, for {@link Suppressions#record(Bounce)}.
 *
 * @param address          the address the message was sent to (from the outbox row the token named, never guessed)
 * @param status           the enhanced status code such as {@code 5.1.1}, or null
 * @param diagnostic       the reason in the server's or report's words, or null
 * @param at               when it bounced (the report's arrival, or the reply)
 * @param inboundMessageId the report in the inbound mailbox, or null for a reply while sending
 * @param outboxId         the message (outbox row) that bounced
 * @param campaignId       its campaign
 */
public record Bounce(String address, BounceKind kind, BounceSource source, String status, String diagnostic, Instant at,
                     Long inboundMessageId, Long outboxId, Long campaignId) {

    public Bounce {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
    }
}
