package nl.mailwijs.objections.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.mailwijs.apijson.JsonObjectFields;
import nl.mailwijs.contacts.UnknownContactException;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.evidence.Appended;
import nl.mailwijs.evidence.EvidenceDocument;
import nl.mailwijs.objections.StaffObjection;
import nl.mailwijs.objections.StaffObjections;
import nl.mailwijs.platform.RequestBodies;
import nl.mailwijs.suppression.Suppression;

/**
 * Objections entered by staff (write scope):
 * <ul>
 * <li>{@code POST /api/v1/contacts/{id}/objections} {@code {"route": "PHONE", "channels": ["ALL"],
 * "topics": [], "note": "...", "receivedAt": "...", "id": "ticket-12"}}: 201 with the ledger
 * record (200 with the earlier one when the same {@code id} and content were sent before);</li>
 * <li>{@code POST /api/v1/objections} {@code {"address": "...", "channel": "EMAIL", ...the same}}:
 * for every contact with the address; when none has it, the address goes on the suppression list.</li>
 * </ul>
 * Only {@code route} is required; no channel named means every channel. The answer is sent after
 * the objection is committed. Sent again with the same {@code id} and {@code receivedAt}, a request
 * records nothing new.
 */
@RestController
class ObjectionController {

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Set<String> FIELDS = Set.of("id", "route", "channels", "topics", "note", "receivedAt");
    private static final Set<String> BY_ADDRESS = Set.of("id", "route", "channels", "topics", "note", "receivedAt", "address", "channel");

    private final StaffObjections objections;

    ObjectionController(StaffObjections objections) {
        this.objections = objections;
    }

    @PostMapping("/api/v1/contacts/{id}/objections")
    ResponseEntity<EvidenceDocument> forContact(@PathVariable("id") String id, InputStream body, Principal who) throws IOException {
        long contactId = id(id);
        JsonObjectFields json = JsonObjectFields.parse(RequestBodies.read(body, MAX_BODY_BYTES));
        json.allowOnly(FIELDS);
        Appended appended = objections.forContact(contactId, objection(json), who.getName());
        return ResponseEntity.status(appended.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/evidence/" + appended.record().id()))
                .body(EvidenceDocument.of(appended.record(), null));
    }

    /**
     * @param contactIds  the contacts that have the address and now object (empty when none has it)
     * @param evidence    their new ledger records
     * @param suppression the suppression entry, when no contact has the address
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ByAddressDocument(String address, Channel channel, List<Long> contactIds, List<EvidenceDocument> evidence, Suppression suppression) {
    }

    @PostMapping("/api/v1/objections")
    ResponseEntity<ByAddressDocument> forAddress(InputStream body, Principal who) throws IOException {
        JsonObjectFields json = JsonObjectFields.parse(RequestBodies.read(body, MAX_BODY_BYTES));
        json.allowOnly(BY_ADDRESS);
        String address = json.requiredString("address");
        Channel channel = json.has("channel") ? json.requiredEnum("channel", Channel.class) : Channel.EMAIL;
        StaffObjections.ByAddress done = objections.forAddress(channel, address, objection(json), who.getName());
        boolean created = done.suppression() != null || done.objections().stream().anyMatch(Appended::created);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new ByAddressDocument(address.strip(), channel,
                        done.objections().stream().map(appended -> appended.record().contactId()).toList(),
                        done.objections().stream().map(appended -> EvidenceDocument.of(appended.record(), null)).toList(),
                        done.suppression()));
    }

    private static StaffObjection objection(JsonObjectFields json) {
        ObjectionRoute route = json.requiredEnum("route", ObjectionRoute.class);
        List<String> names = json.strings("channels");
        boolean all = names.isEmpty();
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals("ALL")) {
                all = true;
            } else {
                channels.add(JsonObjectFields.enumValue(json.pathOf("channels") + "[" + i + "]", names.get(i), Channel.class));
            }
        }
        return new StaffObjection(json.optionalString("id"), route, all, channels, json.strings("topics"), json.optionalString("note"),
                json.optionalInstant("receivedAt"));
    }

    @ExceptionHandler(UnknownContactException.class)
    ProblemDetail unknownContact(UnknownContactException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown contact");
        return problem;
    }

    private static long id(String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("id", "'" + text + "' is not an id (a positive whole number)");
    }
}
