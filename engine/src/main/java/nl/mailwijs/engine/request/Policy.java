package nl.mailwijs.engine.request;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.mailwijs.engine.values.Topics;

/**
 * The sender's own choices where the law leaves room.
 *
 * @param similarTopics          purchase category to the message topics the sender counts as similar
 * @param softOptInMonths        term of the soft opt-in after the latest qualifying purchase (NL-POLICY-SOFT-TERM)
 * @param offerAddressLocalParts local parts of addresses businesses publish for offers (NL-TW-11.7-2a)
 */
public record Policy(Map<String, Set<String>> similarTopics, int softOptInMonths, List<String> offerAddressLocalParts) {

    public static final int DEFAULT_SOFT_OPT_IN_MONTHS = 24;
    public static final List<String> DEFAULT_OFFER_ADDRESS_LOCAL_PARTS = List.of("aanbieding", "acquisitie", "offers");
    public static final Policy NL_DEFAULT = new Policy(Map.of(), DEFAULT_SOFT_OPT_IN_MONTHS, DEFAULT_OFFER_ADDRESS_LOCAL_PARTS);

    public Policy {
        similarTopics = byKey(similarTopics);
        offerAddressLocalParts = List.copyOf(offerAddressLocalParts);
        if (softOptInMonths < 1) {
            throw new IllegalArgumentException("softOptInMonths must be at least 1, was " + softOptInMonths);
        }
    }

    /** Keys and topics compared by {@link Topics#key}; categories that differ only in case are merged. */
    private static Map<String, Set<String>> byKey(Map<String, Set<String>> similarTopics) {
        Map<String, Set<String>> byKey = new HashMap<>(similarTopics.size() * 2);
        for (Map.Entry<String, Set<String>> entry : similarTopics.entrySet()) {
            Set<String> topics = byKey.computeIfAbsent(Topics.key(entry.getKey()), key -> new HashSet<>());
            for (String topic : entry.getValue()) {
                topics.add(Topics.key(topic));
            }
        }
        byKey.replaceAll((category, topics) -> Set.copyOf(topics));
        return Map.copyOf(byKey);
    }

    /** The topics the sender counts as similar to a purchase category (compared by {@link Topics#key}). */
    public Set<String> similarTo(String category) {
        return similarTopics.getOrDefault(Topics.key(category), Set.of());
    }
}
