package nl.mailwijs.contacts;

import java.util.List;

import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.RecipientKind;

/**
 * A contact to create, as the source delivers it: {@link Contacts#create} validates and
 * normalises it, naming the field in what it refuses.
 *
 * @param attributes a JSON object in text, or null for none
 */
public record NewContact(
        RecipientKind kind,
        String country,
        String name,
        String externalId,
        List<String> tags,
        String attributes,
        List<NewAddress> addresses) {

    public NewContact {
        tags = tags == null ? List.of() : List.copyOf(tags);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** An address as written by the source; normalised on creation. */
    public record NewAddress(Channel channel, String address) {
    }
}
