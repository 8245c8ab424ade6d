package nl.mailwijs.engine.request;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A recorded consent. Nullable fields are the ones the request format leaves optional; the
 * engine treats an absent fact cautiously (an absent method or wording cannot prove consent).
 *
 * @param topics empty means the sender's messages in general
 */
public record Consent(
        String id,
        Instant givenAt,
        Set<Channel> channels,
        List<String> topics,
        ConsentMethod method,
        ObtainedBy obtainedBy,
        String wording,
        Instant confirmedAt,
        Instant withdrawnAt) {

    public Consent {
        channels = Set.copyOf(channels);
        topics = List.copyOf(topics);
    }
}
