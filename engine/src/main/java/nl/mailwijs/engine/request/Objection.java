package nl.mailwijs.engine.request;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An objection (recht van verzet) of the person.
 *
 * @param allChannels true for {@code ["ALL"]} or when no channel was named
 * @param channels    the channels named (ignored when {@code allChannels})
 * @param topics      empty means all commercial messages
 */
public record Objection(String id, Instant at, boolean allChannels, Set<Channel> channels, List<String> topics, ObjectionRoute via) {

    public Objection {
        channels = Set.copyOf(channels);
        topics = List.copyOf(topics);
    }

    public boolean covers(Channel channel) {
        return allChannels || channels.contains(channel);
    }
}
