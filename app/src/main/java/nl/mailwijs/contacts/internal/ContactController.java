package nl.mailwijs.contacts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.mailwijs.apijson.JsonObjectFields;
import nl.mailwijs.contacts.ContactDocument;
import nl.mailwijs.contacts.ContactPage;
import nl.mailwijs.contacts.ContactQuery;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.NewContact;
import nl.mailwijs.contacts.SavedContact;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.platform.RequestBodies;

/**
 * {@code POST /api/v1/contacts} and {@code GET /api/v1/contacts}. One contact with its
 * evidence ({@code GET /api/v1/contacts/{id}}) is served by the evidence module, which knows both.
 * There is no PUT, PATCH or DELETE: contacts are created (again, idempotently) and read.
 */
@RestController
class ContactController {

    /** A contact with a handful of addresses and some attributes is a few KiB. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Set<String> CONTACT_FIELDS = Set.of("kind", "country", "name", "externalId", "tags", "attributes", "addresses");
    private static final Set<String> ADDRESS_FIELDS = Set.of("channel", "address");
    private static final Set<String> LIST_PARAMETERS = Set.of("query", "tag", "page", "size");

    private final Contacts contacts;

    ContactController(Contacts contacts) {
        this.contacts = contacts;
    }

    /** 201 with Location for a new contact; 200 with the existing one when its external id was known. */
    @PostMapping("/api/v1/contacts")
    ResponseEntity<ContactDocument> create(InputStream body) throws IOException {
        SavedContact saved = contacts.create(newContact(JsonObjectFields.parse(RequestBodies.read(body, MAX_BODY_BYTES))));
        URI location = URI.create("/api/v1/contacts/" + saved.contact().id());
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(location)
                .body(ContactDocument.of(saved.contact()));
    }

    record PageDocument(List<ContactDocument> contacts, int page, int size, long total) {
    }

    @GetMapping("/api/v1/contacts")
    PageDocument list(HttpServletRequest request, @RequestParam(required = false) String query,
                      @RequestParam(required = false) String tag, @RequestParam(required = false) String page,
                      @RequestParam(required = false) String size) {
        for (String name : Collections.list(request.getParameterNames())) {
            if (!LIST_PARAMETERS.contains(name)) {
                throw new InvalidRequestException(name, "unknown parameter; allowed: page, query, size, tag");
            }
        }
        ContactPage found = contacts.list(new ContactQuery(query, tag, number("page", page, 0), number("size", size, ContactQuery.DEFAULT_SIZE)));
        return new PageDocument(found.contacts().stream().map(ContactDocument::of).toList(), found.page(), found.size(), found.total());
    }

    /** Reads the fields in the order people write them, so the first error is the first field wrong. */
    static NewContact newContact(JsonObjectFields json) {
        json.allowOnly(CONTACT_FIELDS);
        RecipientKind kind = json.requiredEnum("kind", RecipientKind.class);
        String country = json.requiredString("country");
        String name = json.optionalString("name");
        String externalId = json.optionalString("externalId");
        List<String> tags = json.strings("tags");
        JsonNode attributes = json.optionalObjectNode("attributes");
        List<NewContact.NewAddress> addresses = json.objects("addresses").stream().map(address -> {
            address.allowOnly(ADDRESS_FIELDS);
            return new NewContact.NewAddress(address.requiredEnum("channel", Channel.class), address.requiredString("address"));
        }).toList();
        return new NewContact(kind, country, name, externalId, tags, attributes == null ? null : attributes.toString(), addresses);
    }

    private static int number(String name, String text, int absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name, "'" + text + "' is not a whole number");
        }
    }
}
