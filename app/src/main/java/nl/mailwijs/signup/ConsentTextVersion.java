package nl.mailwijs.signup;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import nl.mailwijs.engine.request.Channel;

/**
 * One version of a consent text: what a form shows and a consent proves. Once a form shows it
 * ({@code usedAt} set) it never changes; a new wording is a new version.
 *
 * @param topics   the boxes a person can tick, one per topic; empty: one box for the sender's
 *                 messages in general
 * @param language a BCP 47 tag such as "nl" or "en"
 * @param usedAt   when a form first showed it; null while it may still be edited
 */
public record ConsentTextVersion(long id, long consentTextId, int version, String wording, String language, List<Topic> topics,
                                 Set<Channel> channels, Instant createdAt, Instant updatedAt, Instant usedAt) {

    public ConsentTextVersion {
        topics = List.copyOf(topics);
        channels = Set.copyOf(channels);
    }

    /**
     * A topic as the form shows it.
     *
     * @param topic the topic as decisions and campaigns name it, e.g. "photo-prints"
     * @param label what the box says, e.g. "Aanbiedingen voor fotoafdrukken"
     */
    public record Topic(String topic, String label) {
    }

    /** The version label under which the ledger keeps this wording, unique per text and version. */
    public String versionLabel() {
        return "consent-text-" + consentTextId + "-v" + version;
    }

    /**
     * The text exactly as a form shows it: the wording and, below it, the label of each box.
     * This is what the ledger registers, so a consent proves the whole of what the person read.
     */
    public String shownText() {
        StringBuilder text = new StringBuilder(wording);
        for (Topic topic : topics) {
            text.append("\n[ ] ").append(topic.label());
        }
        return text.toString();
    }

    public boolean used() {
        return usedAt != null;
    }
}
