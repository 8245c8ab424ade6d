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

    public List<ContactAddress> addressesOn(Channel channel) {
        return addresses.stream().filter(address -> address.channel() == channel).toList();
    }
}
