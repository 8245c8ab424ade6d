package nl.mailwijs.engine;

import static nl.mailwijs.engine.fixtures.DecisionAssert.PLACEHOLDER;
import static nl.mailwijs.engine.fixtures.DecisionAssert.assertThatDecisionOf;
import static nl.mailwijs.engine.fixtures.DecisionAssert.decide;
import static nl.mailwijs.engine.fixtures.Requests.at;
import static nl.mailwijs.engine.fixtures.Requests.baseline;
import static nl.mailwijs.engine.fixtures.Requests.consent;
import static nl.mailwijs.engine.fixtures.Requests.date;
import static nl.mailwijs.engine.fixtures.Requests.objection;
import static nl.mailwijs.engine.fixtures.Requests.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.decision.Reason;
import nl.mailwijs.engine.fixtures.Requests;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.RecipientKind;

/** The decision lists every rule of the pack with its outcome, in order, in Dutch and English (decision-format.md). */
class ReasonsTests {

    /** The NL pack's rules in evaluation order (rules-nl.md). */
    static final List<String> NL_RULES = List.of(
            "NL-TW-11.7-SCOPE", "NL-SCOPE-MIXED", "NL-AVG-21", "NL-TW-11.7-4a", "NL-TW-11.7-1", "NL-AVG-7",
            "NL-AVG-7-3", "NL-TW-11.7-3", "NL-POLICY-SOFT-TERM", "NL-ACM-PERSONAL", "NL-TW-11.7-2a", "NL-TW-11.7-2b");

    static final List<String> BASIS_RULES = NL_RULES.subList(4, NL_RULES.size());

    static final List<String> AFTER_SCOPE = NL_RULES.subList(2, NL_RULES.size());

    /** Requests that between them reach every verdict, basis, denial and most sentences of the pack. */
    static Stream<Named<Requests>> requests() {
        return Stream.of(
                Named.of("no evidence", baseline()),
                Named.of("valid consent", baseline().with(consent("c-1"))),
                Named.of("double opt-in confirmed", baseline().with(consent("c-1").method(ConsentMethod.DOUBLE_OPT_IN).confirmedAt(at("2024-03-02T00:00:00Z")))),
                Named.of("pre-ticked consent", baseline().with(consent("c-1").method(ConsentMethod.PRETICKED_CHECKBOX))),
                Named.of("terms and conditions", baseline().with(consent("c-1").method(ConsentMethod.TERMS_AND_CONDITIONS))),
                Named.of("unconfirmed double opt-in", baseline().with(consent("c-1").method(ConsentMethod.DOUBLE_OPT_IN))),
                Named.of("third party", baseline().with(consent("c-1").obtainedBy(ObtainedBy.THIRD_PARTY))),
                Named.of("unknown obtainer", baseline().with(consent("c-1").obtainedBy(null))),
                Named.of("no method", baseline().with(consent("c-1").method(null))),
                Named.of("undated consent", baseline().with(consent("c-1").givenAt(null))),
                Named.of("blank wording", baseline().with(consent("c-1").wording(" "))),
                Named.of("partners wording", baseline().with(consent("c-1").wording("Ja, ook van onze partners."))),
                Named.of("consent without id", baseline().with(consent(null))),
                Named.of("withdrawn consent", baseline().with(consent("c-1").withdrawnAt(at("2026-02-01T12:00:00Z")))),
                Named.of("soft opt-in", baseline().with(purchase("o-77"))),
                Named.of("soft opt-in, purchase without id", baseline().with(purchase(null))),
                Named.of("unproven", baseline().with(purchase("o-77").proof(Proof.NONE))),
                Named.of("undated purchase", baseline().with(purchase("o-77").date(null))),
                Named.of("no chance to object", baseline().with(purchase("o-77").objectionOffered(false))),
                Named.of("not similar", baseline().topics("kitchen-appliances").with(purchase("o-77"))),
                Named.of("no topic", baseline().topics().with(purchase("o-77"))),
                Named.of("expired", baseline().with(purchase("o-77").on("2023-07-01"))),
                Named.of("address not from sale", baseline().with(purchase("o-77").addressCollectedInSale(false))),
                Named.of("quote only", baseline().interaction("i-1", InteractionType.QUOTE, date("2026-05-01"))),
                Named.of("undated interaction", baseline().interaction("i-1", InteractionType.EVENT, null)),
                Named.of("objection", baseline().with(consent("c-1")).with(objection("b-1"))),
                Named.of("undated objection via unknown route", baseline().with(objection("b-1").at(null).via(null))),
                Named.of("objection on SMS only", baseline().with(consent("c-1")).with(objection("b-1").channels(Channel.SMS))),
                Named.of("objection by phone, all channels", baseline().channel(Channel.WHATSAPP).with(objection("b-1").allChannels().via(ObjectionRoute.PHONE))),
                Named.of("missing identity", baseline().legalName(" ").with(consent("c-1"))),
                Named.of("service message", baseline().serviceMessage()),
                Named.of("service message with promotion", baseline().purpose(Purpose.SERVICE).with(consent("c-1"))),
                Named.of("ideological", baseline().purpose(Purpose.IDEOLOGICAL)),
                Named.of("charitable by SMS", baseline().purpose(Purpose.CHARITABLE).channel(Channel.SMS)),
                Named.of("personal proposal", baseline().business("pieter@installatiebedrijf.nl").purpose(Purpose.PERSONAL_PROPOSAL).recipientCount(1)),
                Named.of("personal proposal to a consumer", baseline().purpose(Purpose.PERSONAL_PROPOSAL).recipientCount(1)),
                Named.of("offer address", baseline().business("aanbieding@bakkerij-devries.nl")),
                Named.of("info address", baseline().business("info@bakkerij-devries.nl")),
                Named.of("outside the EEA", baseline().business("sales@acme.example").recipientCountry("US")),
                Named.of("consumer outside the EEA", baseline().recipientCountry("US")),
                Named.of("business in Norway", baseline().kind(RecipientKind.LEGAL_ENTITY).recipientCountry("NO")));
    }

    @ParameterizedTest(name = "{0}: all 12 NL rule ids, once each, in the pack's order")
    @MethodSource("requests")
    void everyRuleOnceInOrder(Requests request) {
        Decision decision = decide(request);
        assertThat(decision.reasons()).extracting(Reason::rule).containsExactlyElementsOf(NL_RULES);
        assertThat(decision.rulePack()).isEqualTo("NL");
    }

    @ParameterizedTest(name = "{0}: every text is a filled-in sentence in Dutch and English")
    @MethodSource("requests")
    void everyTextIsFilledIn(Requests request) {
        for (Reason reason : decide(request).reasons()) {
            for (Language language : Language.values()) {
                assertThat(reason.text(language))
                        .as("%s text of %s", language, reason.rule())
                        .isNotBlank()
                        .doesNotContainPattern(PLACEHOLDER)
                        .doesNotContain("null");
            }
        }
    }

    @ParameterizedTest(name = "{0}: the verdict agrees with the reasons")
    @MethodSource("requests")
    void verdictAgreesWithReasons(Requests request) {
        Decision decision = decide(request);
        if (decision.allowed()) {
            assertThat(decision.reasons()).extracting(Reason::outcome).contains(Outcome.PASSED);
            assertThat(decision.reasons().stream()
                    .filter(reason -> reason.rule().equals("NL-AVG-21") || reason.rule().equals("NL-TW-11.7-4a")))
                    .extracting(Reason::outcome).doesNotContain(Outcome.FAILED);
        } else {
            assertThat(decision.reasons()).extracting(Reason::outcome).contains(Outcome.FAILED);
            assertThat(decision.obligations()).isEmpty();
        }
    }

    @Test
    @DisplayName("after a DENY by objection (NL-AVG-21) the basis rules are NOT_APPLICABLE")
    void basisRulesNotReachedAfterObjection() {
        Decision decision = assertThatDecisionOf(baseline().with(consent("c-1")).with(purchase("o-77")).with(objection("b-1")))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason("NL-TW-11.7-SCOPE", Outcome.PASSED)
                .hasReason("NL-AVG-21", Outcome.FAILED)
                .hasReason("NL-TW-11.7-4a", Outcome.PASSED)
                .decision();
        for (Reason reason : decision.reasons()) {
            if (BASIS_RULES.contains(reason.rule())) {
                assertThat(reason.outcome()).as(reason.rule()).isEqualTo(Outcome.NOT_APPLICABLE);
                assertThat(reason.text(Language.NL)).as(reason.rule()).contains("Niet beoordeeld");
                assertThat(reason.text(Language.EN)).as(reason.rule()).contains("Not evaluated");
            }
        }
    }

    @Test
    @DisplayName("after a DENY by missing identity (NL-TW-11.7-4a) the basis rules are NOT_APPLICABLE")
    void basisRulesNotReachedAfterMissingIdentity() {
        Decision decision = assertThatDecisionOf(baseline().legalName("").with(consent("c-1")))
                .isDeniedFor(Denial.SENDER_IDENTITY_MISSING)
                .hasReason("NL-AVG-21", Outcome.PASSED)
                .hasReason("NL-TW-11.7-4a", Outcome.FAILED)
                .decision();
        assertThat(decision.reasons()).filteredOn(reason -> BASIS_RULES.contains(reason.rule()))
                .hasSize(BASIS_RULES.size())
                .extracting(Reason::outcome).containsOnly(Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("for NOT_REGULATED everything after the scope rules is NOT_APPLICABLE")
    void notRegulatedSkipsTheRest() {
        Decision decision = assertThatDecisionOf(baseline().serviceMessage().legalName(" ").with(objection("b-1").allChannels()))
                .isAllowedOn(Basis.NOT_REGULATED)
                .hasReason("NL-TW-11.7-SCOPE", Outcome.PASSED)
                .hasReason("NL-SCOPE-MIXED", Outcome.PASSED)
                .decision();
        for (Reason reason : decision.reasons()) {
            if (AFTER_SCOPE.contains(reason.rule())) {
                assertThat(reason.outcome()).as(reason.rule()).isEqualTo(Outcome.NOT_APPLICABLE);
                assertThat(reason.text(Language.NL)).as(reason.rule()).contains("buiten art. 11.7 Tw");
                assertThat(reason.text(Language.EN)).as(reason.rule()).contains("outside art. 11.7 Tw");
            }
        }
    }

    @Test
    @DisplayName("when a basis holds, the later bases are still evaluated and reported")
    void laterBasesStillReported() {
        assertThatDecisionOf(baseline().with(consent("c-1")).with(purchase("o-77").objectionOffered(false)))
                .isAllowedOn(Basis.CONSENT)
                .hasReason("NL-TW-11.7-3", Outcome.FAILED, "o-77")
                .hasReason("NL-ACM-PERSONAL", Outcome.NOT_APPLICABLE)
                .hasReason("NL-TW-11.7-2a", Outcome.NOT_APPLICABLE)
                .hasReason("NL-TW-11.7-2b", Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("Dutch is the default language and the two languages differ")
    void dutchIsDefault() {
        assertThat(Language.DEFAULT).isEqualTo(Language.NL);
        Reason scope = decide(baseline()).reasons().getFirst();
        assertThat(scope.text(Language.NL)).isNotEqualTo(scope.text(Language.EN));
    }

    @Test
    @DisplayName("an evidence item without id is named by its position in the request, also after an ignored item")
    void itemWithoutIdIsNamedByItsPositionInTheRequest() {
        assertThatDecisionOf(baseline().with(consent(null).givenAt(at("2026-12-01T00:00:00Z"))).with(consent(null)))
                .isAllowedOn(Basis.CONSENT)
                .hasEvidenceUsed("consents[1]");
        assertThatDecisionOf(baseline().with(purchase(null).on("2026-12-01")).with(purchase(null)))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasEvidenceUsed("purchases[1]");
    }

    @Test
    @DisplayName("the same request gives equal decisions")
    void sameRequestEqualDecisions() {
        assertThat(decide(baseline().with(consent("c-1")))).isEqualTo(decide(baseline().with(consent("c-1"))));
    }

    @Test
    @DisplayName("the same request without topics gives equal decisions")
    void sameRequestWithoutTopicsEqualDecisions() {
        assertThat(decide(baseline().topics().with(consent("c-1")))).isEqualTo(decide(baseline().topics().with(consent("c-1"))));
    }

    @Test
    @DisplayName("an evidence item without id is named by its position in the request")
    void itemWithoutIdIsNamedByPosition() {
        assertThatDecisionOf(baseline().with(consent(null)))
                .isAllowedOn(Basis.CONSENT)
                .hasEvidenceUsed("consents[0]")
                .hasReason("NL-TW-11.7-1", Outcome.PASSED, "consents[0]");
        assertThatDecisionOf(baseline().with(purchase("o-1").addressCollectedInSale(false)).with(purchase(null)))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasEvidenceUsed("purchases[1]");
    }

    @Test
    @DisplayName("two identical evidence items without id keep their own places")
    void identicalItemsWithoutIdAreTwoItems() {
        assertThatDecisionOf(baseline().with(purchase(null)).with(purchase(null)))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasEvidenceUsed("purchases[0]", "purchases[1]");
    }
}
