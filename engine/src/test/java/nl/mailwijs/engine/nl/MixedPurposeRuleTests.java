package nl.mailwijs.engine.nl;

import static nl.mailwijs.engine.fixtures.DecisionAssert.assertThatDecisionOf;
import static nl.mailwijs.engine.fixtures.Requests.baseline;
import static nl.mailwijs.engine.fixtures.Requests.consent;
import static nl.mailwijs.engine.fixtures.Requests.date;
import static nl.mailwijs.engine.fixtures.Requests.objection;
import static nl.mailwijs.engine.fixtures.Requests.purchase;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Obligation;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.fixtures.Requests;
import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.engine.request.Purpose;

/** NL-SCOPE-MIXED: a service message with promotional content is treated as commercial. */
class MixedPurposeRuleTests {

    private static final String ID = MixedPurposeRule.ID;

    private static Requests serviceWithPromotion() {
        return baseline().purpose(Purpose.SERVICE).promotion(true);
    }

    @Test
    @DisplayName("NL-SCOPE-MIXED: a service message with promotion and no basis is denied NO_CONSENT (p13)")
    void serviceWithPromotionNeedsABasis() {
        assertThatDecisionOf(serviceWithPromotion().interaction("i-1", InteractionType.OTHER, date("2022-01-01")))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReasonSaying(ID, Outcome.FAILED, "telt als commercieel", "counts as a commercial message")
                .hasReason(ScopeRule.ID, Outcome.PASSED);
    }

    @Test
    @DisplayName("NL-SCOPE-MIXED: a service message with promotion is stopped by an objection")
    void serviceWithPromotionIsStoppedByObjection() {
        assertThatDecisionOf(serviceWithPromotion().with(consent("c-1")).with(objection("b-1")))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason(ID, Outcome.FAILED)
                .hasReason(ObjectionRule.ID, Outcome.FAILED);
    }

    @Test
    @DisplayName("NL-SCOPE-MIXED: a service message with promotion may be sent on a valid consent, with the obligations of a regulated e-mail")
    void serviceWithPromotionOnConsent() {
        assertThatDecisionOf(serviceWithPromotion().with(consent("c-1")))
                .isAllowedOn(Basis.CONSENT)
                .hasEvidenceUsed("c-1")
                .hasObligationsIncluding(Obligation.SENDER_IDENTITY, Obligation.OBJECTION_LINK, Obligation.LIST_UNSUBSCRIBE_ONE_CLICK)
                .hasReason(ID, Outcome.FAILED);
    }

    @Test
    @DisplayName("NL-SCOPE-MIXED: a service message with promotion may be sent to an existing customer on soft opt-in")
    void serviceWithPromotionOnSoftOptIn() {
        assertThatDecisionOf(serviceWithPromotion().with(purchase("o-77")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasEvidenceUsed("o-77")
                .hasReason(ID, Outcome.FAILED);
    }

    @Test
    @DisplayName("NL-SCOPE-MIXED: a service message with promotion needs the sender's identity")
    void serviceWithPromotionNeedsIdentity() {
        assertThatDecisionOf(serviceWithPromotion().legalName(" ").with(consent("c-1")))
                .isDeniedFor(Denial.SENDER_IDENTITY_MISSING);
    }

    @Test
    @DisplayName("NL-SCOPE-MIXED: a plain service message passes")
    void plainServiceMessagePasses() {
        assertThatDecisionOf(baseline().serviceMessage())
                .isAllowedOn(Basis.NOT_REGULATED)
                .hasReasonSaying(ID, Outcome.PASSED, "geen promotie", "no promotion");
    }

    @ParameterizedTest(name = "NL-SCOPE-MIXED: not applicable to a {0} message")
    @EnumSource(value = Purpose.class, names = "SERVICE", mode = EnumSource.Mode.EXCLUDE)
    void notApplicableToOtherPurposes(Purpose purpose) {
        assertThatDecisionOf(baseline().purpose(purpose).with(consent("c-1")))
                .hasReasonSaying(ID, Outcome.NOT_APPLICABLE, "Geen dienstbericht", "Not a service message");
    }
}
