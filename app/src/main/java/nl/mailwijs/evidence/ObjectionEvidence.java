package nl.mailwijs.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.evidence.internal.Fields;

/**
 * An objection of the person (recht van verzet). It belongs to the contact, not to an address:
 * it covers every address the contact has on the channels it names, also addresses added later.
 *
 * @param allChannels true for {@code ["ALL"]}, and when no channel is named
 * @param topics      empty: all commercial messages
 * @param rawEvidence what came in (the e-mail, the POST log line, the complaint report)
 */
public record ObjectionEvidence(
        String id,
        Instant at,
        boolean allChannels,
        Set<Channel> channels,
        List<String> topics,
        ObjectionRoute via,
        String rawEvidence) implements EvidenceContent {

    public ObjectionEvidence {
        id = Fields.text("id", id, Fields.MAX_ID);
        Fields.required("at", at);
        channels = Fields.set(channels);
        // Naming no channel is objecting on all of them: the cautious reading of an objection.
        allChannels = allChannels || channels.isEmpty();
        channels = allChannels ? Set.of() : channels;
        topics = Fields.topics("topics", topics);
        rawEvidence = Fields.text("rawEvidence", rawEvidence, Fields.MAX_TEXT);
    }

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.OBJECTION;
    }
}
