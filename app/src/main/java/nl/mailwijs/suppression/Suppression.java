package nl.mailwijs.suppression;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Objection;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.values.Topics;

/**
 * One entry of the suppression list: the scope and date of an objection, kept for an address
 * known only by its keyed hash.
 *
 * @param allChannels true when the objection named every channel
 * @param channels    the channels named (empty when all)
 * @param topics      empty: all commercial messages
 */
public record Suppression(long id, SuppressionCause cause, boolean allChannels, Set<Channel> channels, List<String> topics,
                          Instant objectedAt, ObjectionRoute via, Instant createdAt) {

    /** Dates in sentences as the engine shows them: the calendar date in the Netherlands. */
    private static final java.time.ZoneId DATES_SHOWN_IN = java.time.ZoneId.of("Europe/Amsterdam");

    public Suppression {
        channels = Set.copyOf(channels);
        topics = List.copyOf(topics);
    }

    /**
     * The id a decision names in its reasons: {@code erasure-suppression-7} for an objection
     * kept through an erasure, {@code address-suppression-7} for one made for an address only.
     */
    public String evidenceId() {
        return cause.evidencePrefix() + id;
    }

    /** As the engine takes it: an objection of the person, from the moment they made it. */
    public Objection asObjection() {
        return new Objection(evidenceId(), objectedAt, allChannels, channels, topics, via);
    }

    /**
     * Whether it stops a message on this channel about these topics, as NL-AVG-21 reads an
     * objection: its channels, and all topics or one of the message's.
     */
    public boolean covers(Channel channel, List<String> messageTopics) {
        if (!allChannels && !channels.contains(channel)) {
            return false;
        }
        return topics.isEmpty() || messageTopics.stream().anyMatch(topic -> Topics.containsTopic(topics, topic));
    }

    /** Why a decision it stops is a denial, in a sentence for a person; names the entry. */
    public String explanation(Language language) {
        String date = objectedAt.atZone(DATES_SHOWN_IN).toLocalDate().toString();
        return switch (cause) {
            case ERASURE -> language == Language.EN
                    ? "This address is on the suppression list (" + evidenceId() + "): the person it belonged to objected on " + date
                            + " and was erased afterwards (GDPR 17); the objection still holds (NL-AVG-21)."
                    : "Dit adres staat op de blokkeerlijst (" + evidenceId() + "): wie het adres had, maakte op " + date
                            + " bezwaar en is daarna gewist (AVG 17); het bezwaar blijft gelden (NL-AVG-21).";
            case ADDRESS_OBJECTION -> language == Language.EN
                    ? "This address is on the suppression list (" + evidenceId() + "): an objection was made for it on " + date
                            + " (NL-AVG-21)."
                    : "Dit adres staat op de blokkeerlijst (" + evidenceId() + "): op " + date
                            + " is voor dit adres bezwaar gemaakt (NL-AVG-21).";
        };
    }
}
