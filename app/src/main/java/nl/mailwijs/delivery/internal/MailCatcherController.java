package nl.mailwijs.delivery.internal;

import java.util.Collections;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.delivery.MailCatcher;

/**
 * {@code /api/v1/mail-catcher/messages}: what the built-in mail catcher caught, newest first;
 * one message in full; DELETE empties it. 404 when the catcher does not run (a relay is set).
 */
@RestController
@ConditionalOnWebApplication
class MailCatcherController {

    static final String PATH = "/api/v1/mail-catcher/messages";
    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;
    private static final Set<String> LIST_PARAMETERS = Set.of("page", "size");

    private final GreenMailCatcher catcher;

    MailCatcherController(GreenMailCatcher catcher) {
        this.catcher = catcher;
    }

    /** Thrown for an id the catcher does not have (never caught, cleared, or pushed out by newer ones). */
    static final class NotCaughtException extends RuntimeException {
        NotCaughtException(String message) {
            super(message);
        }
    }

    @GetMapping(PATH)
    MailCatcher.Page list(HttpServletRequest request, @RequestParam(required = false) String page,
                          @RequestParam(required = false) String size) {
        for (String name : Collections.list(request.getParameterNames())) {
            if (!LIST_PARAMETERS.contains(name)) {
                throw new InvalidRequestException(name, "unknown parameter; allowed: page, size");
            }
        }
        running();
        int pageNumber = number("page", page, 0, Integer.MAX_VALUE / MAX_SIZE);
        int pageSize = number("size", size, DEFAULT_SIZE, MAX_SIZE);
        if (pageSize < 1) {
            throw new InvalidRequestException("size", "must be 1 to " + MAX_SIZE);
        }
        return catcher.list(pageNumber, pageSize);
    }

    @GetMapping(PATH + "/{id}")
    MailCatcher.Details one(@PathVariable String id) {
        running();
        if (!id.matches("\\d{1,18}")) {
            throw new NotCaughtException("There is no caught message '" + id + "'; ids are numbers, see GET " + PATH + ".");
        }
        return catcher.get(Long.parseLong(id)).orElseThrow(() -> new NotCaughtException(
                "There is no caught message " + id + " (cleared, or pushed out by newer ones); see GET " + PATH + "."));
    }

    @DeleteMapping(PATH)
    Map<String, Integer> clear() {
        running();
        return Map.of("deleted", catcher.clear());
    }

    private void running() {
        if (!catcher.running()) {
            throw new NotCaughtException("The mail catcher is not running: " + catcher.problem()
                    .orElse("a relay is configured (mailwijs.delivery.relays), so messages go there") + ".");
        }
    }

    @ExceptionHandler(NotCaughtException.class)
    ProblemDetail notCaught(NotCaughtException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    private static int number(String name, String text, int absent, int max) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < 0 || value > max) {
                throw new InvalidRequestException(name, "must be 0 to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name, "'" + text + "' is not a whole number");
        }
    }
}
