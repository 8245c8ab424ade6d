package nl.mailwijs.decisions;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import nl.mailwijs.contacts.UnknownContactException;
import nl.mailwijs.decisionjson.DecisionJson;

/**
 * {@code POST /api/v1/contacts/{id}/decision}: "may I send this to this contact?" from the stored
 * evidence and settings. The answer names the address and the settings version it used.
 */
@RestController
class ContactDecisionController {

    private final ContactDecisions decisions;

    ContactDecisionController(ContactDecisions decisions) {
        this.decisions = decisions;
    }

    @PostMapping(path = "/api/v1/contacts/{id}/decision", produces = MediaType.APPLICATION_JSON_VALUE)
    String decide(@PathVariable long id, @Valid @RequestBody ContactDecisionRequest request,
                  @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage) {
        ContactDecisions.Made made = decisions.decide(id, request);
        StringBuilder json = new StringBuilder(2048)
                .append("{\"contactId\":").append(made.contactId())
                .append(",\"address\":");
        DecisionJson.appendString(made.address(), json);
        json.append(",\"settingsVersion\":").append(made.settingsVersion()).append(",\"decision\":");
        DecisionJson.write(made.decision(), DecisionController.language(acceptLanguage), false, json);
        return json.append('}').toString();
    }

    @ExceptionHandler(UnknownContactException.class)
    ProblemDetail unknownContact(UnknownContactException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown contact");
        return problem;
    }
}
