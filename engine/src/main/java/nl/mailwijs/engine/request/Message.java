package nl.mailwijs.engine.request;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The message to be sent.
 *
 * @param recipientCount null when unknown; only an exact 1 can make a personal proposal
 */
public record Message(Purpose purpose, List<String> topics, boolean containsPromotion, Instant sendAt, Integer recipientCount) {

    public Message {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(sendAt, "sendAt");
        topics = List.copyOf(topics);
    }
}
