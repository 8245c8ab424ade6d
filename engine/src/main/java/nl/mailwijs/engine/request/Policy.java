package nl.mailwijs.engine.request;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
        similarTopics = similarTopics.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                entry -> Topics.key(entry.getKey()),
                entry -> entry.getValue().stream().map(Topics::key).collect(Collectors.toUnmodifiableSet()),
                (some, more) -> { var all = new java.util.HashSet<>(some); all.addAll(more); return Set.copyOf(all); }));
        offerAddressLocalParts = List.copyOf(offerAddressLocalParts);
        if (softOptInMonths < 1) {
            throw new IllegalArgumentException("softOptInMonths must be at least 1, was " + softOptInMonths);
        }
    }

    /** The topics the sender counts as similar to a purchase category (compared by {@link Topics#key}). */
    public Set<String> similarTo(String category) {
        return similarTopics.getOrDefault(Topics.key(category), Set.of());
    }
}
