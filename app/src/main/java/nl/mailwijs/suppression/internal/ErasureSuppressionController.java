package nl.mailwijs.suppression.internal;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.mailwijs.contacts.UnknownContactException;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.suppression.Erasures;
import nl.mailwijs.suppression.Suppression;
import nl.mailwijs.suppression.Suppressions;

/**
 * {@code POST /api/v1/contacts/{id}/erasure} (write): erases the contact's personal data and keeps
 * its objections as keyed hashes; {@code GET /api/v1/suppressions?channel=&address=} (read):
 * whether an address is on the suppression list, and with what scope, without the list ever
 * holding the address.
 */
@RestController
class ErasureSuppressionController {

    private final Erasures erasures;
    private final Suppressions suppressions;

    ErasureSuppressionController(Erasures erasures, Suppressions suppressions) {
        this.erasures = erasures;
        this.suppressions = suppressions;
    }

    @PostMapping("/api/v1/contacts/{id}/erasure")
    Erasures.Erased erase(@PathVariable("id") String id) {
        return erasures.erase(id(id));
    }

    record SuppressionList(Channel channel, boolean suppressed, List<Suppression> entries) {
    }

    @GetMapping("/api/v1/erasure-suppressions")
    SuppressionList suppressions(@RequestParam(name = "channel", defaultValue = "EMAIL") String channel,
                                 @RequestParam(name = "address", required = false) String address) {
        Channel parsed;
        try {
            parsed = Channel.valueOf(channel);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("channel", "'" + channel + "' is not one of EMAIL, SMS, WHATSAPP");
        }
        if (address == null || address.isBlank()) {
            throw new InvalidRequestException("address", "required parameter is missing");
        }
        List<Suppression> entries = suppressions.of(parsed, address);
        return new SuppressionList(parsed, !entries.isEmpty(), entries);
    }

    @ExceptionHandler(UnknownContactException.class)
    ProblemDetail unknownContact(UnknownContactException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "There is no contact " + e.id() + ", or it was erased before.");
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
