package nl.mailwijs.contacts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;

import nl.mailwijs.apijson.JsonObjectFields;
import nl.mailwijs.engine.request.RecipientKind;

/**
 * A contact as the REST API shows it: the stored attributes as a JSON object, not as text.
 * Public so that views which add to a contact (its evidence) show it the same way.
 */
public record ContactDocument(
        long id,
        RecipientKind kind,
        String country,
        String name,
        String externalId,
        List<String> tags,
        JsonNode attributes,
        Instant createdAt,
        List<ContactAddress> addresses) {

    public static ContactDocument of(Contact contact) {
        return new ContactDocument(contact.id(), contact.kind(), contact.country(), contact.name(), contact.externalId(),
                contact.tags(), JsonObjectFields.tree(contact.attributes().getBytes(StandardCharsets.UTF_8)),
                contact.createdAt(), contact.addresses());
    }
}
