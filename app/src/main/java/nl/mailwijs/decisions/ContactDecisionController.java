package nl.mailwijs.decisions;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.mailwijs.contacts.UnknownContactException;
import nl.mailwijs.decisionjson.DecisionJson;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Purpose;

/**
 * {@code POST /api/v1/contacts/{id}/decision}: "may I send this to this contact?" from the stored
 * evidence and settings. The answer names the address and the settings version it used.
 */
@RestController
class ContactDecisionController {

    private final ContactDecisions decisions;
    private final DecisionRecords records;

    ContactDecisionController(ContactDecisions decisions, DecisionRecords records) {
        this.decisions = decisions;
        this.records = records;
    }

    @PostMapping(path = "/api/v1/contacts/{id}/decision", produces = MediaType.APPLICATION_JSON_VALUE)
    String decide(@PathVariable long id, @Valid @RequestBody ContactDecisionRequest request,
                  @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage) {
        ContactDecisions.Made made = decisions.decide(id, request);
        long decisionId = records.record(made, made.sendAt());
        StringBuilder json = new StringBuilder(2048)
                .append("{\"decisionId\":").append(decisionId)
                .append(",\"contactId\":").append(made.contactId())
                .append(",\"address\":");
        DecisionJson.appendString(made.address(), json);
        json.append(",\"settingsVersion\":").append(made.settingsVersion()).append(",\"decision\":");
        DecisionJson.write(made.decision(), DecisionController.language(acceptLanguage), false, json);
        return json.append('}').toString();
    }

    /** Per channel: may this contact be sent a message of this purpose and these topics now, on what basis, until when. */
    @GetMapping(path = "/api/v1/contacts/{id}/basis", produces = MediaType.APPLICATION_JSON_VALUE)
    String basis(@PathVariable long id, @RequestParam(defaultValue = "COMMERCIAL") Purpose purpose,
                 @RequestParam(defaultValue = "") List<String> topics,
                 @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage) {
        Language language = DecisionController.language(acceptLanguage);
        StringBuilder json = new StringBuilder(4096).append("{\"contactId\":").append(id).append(",\"channels\":[");
        List<ContactDecisions.Made> decisions = this.decisions.basisPerChannel(id, purpose,
                topics.stream().filter(topic -> !topic.isBlank()).toList());
        for (int i = 0; i < decisions.size(); i++) {
            ContactDecisions.Made made = decisions.get(i);
            Decision decision = made.decision();
            json.append(i == 0 ? "" : ",").append("{\"channel\":");
            DecisionJson.appendString(made.channel().name(), json);
            json.append(",\"address\":");
            DecisionJson.appendString(made.address(), json);
            json.append(",\"verdict\":");
            DecisionJson.appendString(decision.verdict().name(), json);
            json.append(",\"basis\":");
            DecisionJson.appendString(decision.basis() == null ? null : decision.basis().name(), json);
            json.append(",\"denial\":");
            DecisionJson.appendString(decision.denial() == null ? null : decision.denial().name(), json);
            json.append(",\"basisValidUntil\":");
            DecisionJson.appendString(decision.basisValidUntil() == null ? null : decision.basisValidUntil().toString(), json);
            json.append(",\"why\":");
            DecisionJson.appendString(decision.reasons().stream()
                    .filter(reason -> decision.decidingRules().contains(reason.rule()))
                    .map(reason -> reason.text(language))
                    .collect(Collectors.joining(" ")), json);
            json.append('}');
        }
        return json.append("]}").toString();
    }

    /** For each of the contact's ledger records: the decisions that relied on it and until when it must be kept. */
    @GetMapping("/api/v1/contacts/{id}/retention")
    List<DecisionRecords.Retention> retention(@PathVariable long id) {
        decisions.requireContact(id);
        return records.retentionOf(id);
    }

    @ExceptionHandler(UnknownContactException.class)
    ProblemDetail unknownContact(UnknownContactException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown contact");
        return problem;
    }
}
