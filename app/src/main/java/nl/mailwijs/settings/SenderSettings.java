package nl.mailwijs.settings;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import nl.mailwijs.engine.request.Policy;
import nl.mailwijs.engine.request.Sender;

/**
 * One version of the sender's settings.
 *
 * @param similarTopics purchase category to the message topics counted as similar (NL-TW-11.7-3 (d))
 */
public record SenderSettings(
        long version,
        String legalName,
        String tradeName,
        String kvkNumber,
        String postalAddress,
        String country,
        String objectionAddress,
        Map<String, List<String>> similarTopics,
        int softOptInMonths,
        List<String> offerAddressLocalParts,
        Instant createdAt,
        String createdBy) {

    public Sender sender() {
        return new Sender(legalName, tradeName, country, objectionAddress);
    }

    public Policy policy() {
        Map<String, java.util.Set<String>> similar = new java.util.LinkedHashMap<>();
        similarTopics.forEach((category, topics) -> similar.put(category, java.util.Set.copyOf(topics)));
        return new Policy(similar, softOptInMonths, offerAddressLocalParts);
    }
}
