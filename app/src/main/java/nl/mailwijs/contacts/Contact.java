package nl.mailwijs.contacts;

import java.time.Instant;
import java.util.List;

import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.RecipientKind;

/**
 * A person or business and its addresses.
 *
 * @param name       null when the source had none (a web-shop account with only an e-mail address)
 * @param externalId the id in the source system, or null for a contact entered by hand
 * @param attributes free fields from the source, as a JSON object in text
 */
public record Contact(
        long id,
        RecipientKind kind,
        String country,
        String name,
        String externalId,
        List<String> tags,
        String attributes,
        Instant createdAt,
        List<ContactAddress> addresses) {

    public Contact {
        tags = List.copyOf(tags);
        addresses = List.copyOf(addresses);
    }

    /**
     * Whether the business published this address for offers, as the offer-address rule
     * NL-TW-11.7-2a asks: the {@code publishedForOffers} attribute, which the import sets from the
     * export's {@code published_for_offers} column. Only a JSON {@code true} counts.
     */
    public boolean publishedForOffers() {
        if (attributes == null || !attributes.contains("publishedForOffers")) {
            return false;
        }
        var value = nl.mailwijs.apijson.JsonObjectFields.tree(attributes.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .get("publishedForOffers");
        return value != null && value.isBoolean() && value.booleanValue();
    }

    public List<ContactAddress> addressesOn(Channel channel) {
        return addresses.stream().filter(address -> address.channel() == channel).toList();
    }
}
