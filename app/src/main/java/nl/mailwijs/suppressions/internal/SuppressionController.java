package nl.mailwijs.suppressions.internal;

import java.security.Principal;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.suppressions.Suppression;
import nl.mailwijs.suppressions.Suppressions;
import nl.mailwijs.suppressions.UnknownSuppressionException;

/**
 * {@code /api/v1/suppressions}: the addresses that are not mailed and why (a read token may look);
 * {@code DELETE} lifts one (write), keeping the row with who lifted it. {@code /api/v1/bounces}: every
 * bounce recorded, per address.
 */
@RestController
class SuppressionController {

    static final int MAX_PAGE_SIZE = 500;

    private final Suppressions suppressions;

    SuppressionController(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    record SuppressionPage(List<Suppression> suppressions, int page, int size, long total) {
    }

    record BouncePage(List<Suppressions.StoredBounce> bounces, int page, int size, long total) {
    }

    @GetMapping("/api/v1/suppressions")
    SuppressionPage list(@RequestParam(required = false) String address, @RequestParam(defaultValue = "false") boolean lifted,
                         @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        checkPage(page, size);
        String filter = blankToNull(address);
        return new SuppressionPage(suppressions.list(filter, lifted, page, size), page, size, suppressions.count(filter, lifted));
    }

    @GetMapping("/api/v1/suppressions/{id}")
    Suppression one(@PathVariable long id) {
        return suppressions.find(id).orElseThrow(() -> new UnknownSuppressionException(id));
    }

    /** Lifts the suppression: the address may be mailed again (when the law allows). {@code note} says why. */
    @DeleteMapping("/api/v1/suppressions/{id}")
    Suppression lift(@PathVariable long id, @RequestParam(required = false) String note, Principal who) {
        if (note != null && note.length() > 1_000) {
            throw new InvalidRequestException("note", "is longer than 1000 characters");
        }
        return suppressions.lift(id, who.getName(), note);
    }

    @GetMapping("/api/v1/bounces")
    BouncePage bounces(@RequestParam(required = false) String address, @RequestParam(defaultValue = "0") int page,
                       @RequestParam(defaultValue = "50") int size) {
        checkPage(page, size);
        String filter = blankToNull(address);
        return new BouncePage(suppressions.bounces(filter, page, size), page, size, suppressions.countBounces(filter));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static void checkPage(int page, int size) {
        if (page < 0) {
            throw new InvalidRequestException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidRequestException("size", "must be 1 to " + MAX_PAGE_SIZE);
        }
    }

    @ExceptionHandler(UnknownSuppressionException.class)
    ProblemDetail unknown(UnknownSuppressionException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }
}
