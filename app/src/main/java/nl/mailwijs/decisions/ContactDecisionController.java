package nl.mailwijs.decisions;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

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

import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.ContactDocument;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.UnknownContactException;
import nl.mailwijs.decisionjson.DecisionJson;
import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.decision.Verdict;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.evidence.EvidenceDocument;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.suppression.Suppression;

/**
 * A contact as the law sees it: {@code GET /api/v1/contacts/{id}} (the contact, its basis per
 * channel, its evidence), {@code GET .../basis} for another purpose or topics, and {@code POST
 * .../decision}: "may I send this to this contact?" from the stored evidence and settings, the
 * answer naming the address and the settings version it used.
 */
@RestController
class ContactDecisionController {

    private final ContactDecisions decisions;
    private final DecisionRecords records;
    private final Contacts contacts;
    private final Ledger ledger;

    ContactDecisionController(ContactDecisions decisions, DecisionRecords records, Contacts contacts, Ledger ledger) {
        this.decisions = decisions;
        this.records = records;
        this.contacts = contacts;
        this.ledger = ledger;
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
        json.append(",\"settingsVersion\":").append(made.settingsVersion());
        Language language = DecisionController.language(acceptLanguage);
        if (!made.suppressedBy().isEmpty()) {
            // The engine's NL-AVG-21 reason says an objection stops it; this says which, when it is kept only on the suppression list.
            json.append(",\"suppressedBy\":[");
            for (int i = 0; i < made.suppressedBy().size(); i++) {
                Suppression entry = made.suppressedBy().get(i);
                json.append(i == 0 ? "" : ",").append("{\"id\":");
                DecisionJson.appendString(entry.evidenceId(), json);
                json.append(",\"cause\":\"").append(entry.cause().name()).append("\",\"objectedAt\":\"").append(entry.objectedAt())
                        .append("\",\"text\":");
                DecisionJson.appendString(entry.explanation(language), json);
                json.append('}');
            }
            json.append(']');
        }
        json.append(",\"decision\":");
        DecisionJson.write(made.decision(), language, false, json);
        return json.append('}').toString();
    }

    /** One channel's answer to "may I mail this person now?", with the sentences of the rules that decided it. */
    record ChannelBasis(Channel channel, String address, Verdict verdict, Basis basis, Denial denial, Instant basisValidUntil, String why) {

        static ChannelBasis of(ContactDecisions.Made made, Language language) {
            Decision decision = made.decision();
            String why = java.util.stream.Stream.concat(decision.reasons().stream()
                            .filter(reason -> decision.decidingRules().contains(reason.rule()))
                            .map(reason -> reason.text(language)),
                    made.suppressedBy().stream().map(entry -> entry.explanation(language)))
                    .collect(Collectors.joining(" "));
            return new ChannelBasis(made.channel(), made.address(), decision.verdict(), decision.basis(), decision.denial(),
                    decision.basisValidUntil(), why);
        }
    }

    record BasisDocument(long contactId, List<ChannelBasis> channels) {
    }

    /**
     * The contact, its addresses, per channel its legal basis now for a commercial message about
     * what they bought ({@code basisTopics}: their purchase categories and the topics the
     * settings call similar) — "why may I mail this person?", and until when — and every evidence
     * record, corrected ones marked. Before the sender's settings exist there is no basis, and {@code basisNote}
     * says why.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ContactOverview(@JsonUnwrapped ContactDocument contact, List<ChannelBasis> basis, List<String> basisTopics, String basisNote,
                           List<EvidenceDocument> evidence) {
    }

    @GetMapping("/api/v1/contacts/{id}")
    ContactOverview contact(@PathVariable long id, @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage) {
        Contact contact = contacts.find(id).orElseThrow(() -> new UnknownContactException(id));
        List<EvidenceDocument> evidence = EvidenceDocument.allOf(ledger.recordsOf(id));
        if (!decisions.hasSettings()) {
            return new ContactOverview(ContactDocument.of(contact), null, null,
                    "no basis without sender settings: PUT /api/v1/settings with at least legalName and country", evidence);
        }
        List<String> topics = decisions.topicsOfPurchases(id);
        return new ContactOverview(ContactDocument.of(contact), channels(id, Purpose.COMMERCIAL, topics, acceptLanguage), topics, null,
                evidence);
    }

    /** Per channel: may this contact be sent a message of this purpose and these topics now, on what basis, until when. */
    @GetMapping("/api/v1/contacts/{id}/basis")
    BasisDocument basis(@PathVariable long id, @RequestParam(defaultValue = "COMMERCIAL") Purpose purpose,
                        @RequestParam(defaultValue = "") List<String> topics,
                        @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage) {
        return new BasisDocument(id, channels(id, purpose, topics, acceptLanguage));
    }

    private List<ChannelBasis> channels(long id, Purpose purpose, List<String> topics, String acceptLanguage) {
        Language language = DecisionController.language(acceptLanguage);
        return decisions.basisPerChannel(id, purpose, topics.stream().filter(topic -> !topic.isBlank()).toList()).stream()
                .map(made -> ChannelBasis.of(made, language))
                .toList();
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
