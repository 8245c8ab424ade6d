package nl.mailwijs.objections;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ObjectionRoute;

/**
 * An objection as staff enter it.
 *
 * @param id          the source's own id (a ticket number), making a repeated request safe; or null
 * @param route       how it reached the sender: PHONE, LETTER, EMAIL, ...
 * @param allChannels every channel (the default when none is named)
 * @param topics      empty: all commercial messages
 * @param note        what the person said, as staff noted it; or null
 * @param receivedAt  when the person objected; null: now
 */
public record StaffObjection(String id, ObjectionRoute route, boolean allChannels, Set<Channel> channels, List<String> topics, String note,
                             Instant receivedAt) {

    public StaffObjection {
        Objects.requireNonNull(route, "route");
        channels = Set.copyOf(channels);
        topics = List.copyOf(topics);
    }
}
