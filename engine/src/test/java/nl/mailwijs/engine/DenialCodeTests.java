package nl.mailwijs.engine;

import static nl.mailwijs.engine.fixtures.DecisionAssert.assertThatDecisionOf;
import static nl.mailwijs.engine.fixtures.Requests.at;
import static nl.mailwijs.engine.fixtures.Requests.baseline;
import static nl.mailwijs.engine.fixtures.Requests.consent;
import static nl.mailwijs.engine.fixtures.Requests.objection;
import static nl.mailwijs.engine.fixtures.Requests.purchase;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.fixtures.Requests;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.engine.request.Proof;

/**
 * Every denial code of {@code decision-format.md}, each reached through the engine with the
 * rule that stands for it FAILED, and the precedence between them (rules-nl.md, evaluation
 * order steps 3, 4 and 6).
 */
class DenialCodeTests {

    @Test
    @DisplayName("OBJECTED (NL-AVG-21): an objection on the channel")
    void objected() {
        assertThatDecisionOf(baseline().with(consent("c-1")).with(objection("b-1")))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason("NL-AVG-21", Outcome.FAILED);
    }

    @Test
    @DisplayName("NO_CONSENT (NL-TW-11.7-1): no evidence at all")
    void noConsent() {
        assertThatDecisionOf(baseline())
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason("NL-TW-11.7-1", Outcome.FAILED)
                .hasReason("NL-TW-11.7-3", Outcome.FAILED);
    }

    @Test
    @DisplayName("CONSENT_INVALID (NL-AVG-7): only a pre-ticked box")
    void consentInvalid() {
        assertThatDecisionOf(baseline().with(consent("c-1").method(ConsentMethod.PRETICKED_CHECKBOX)))
                .isDeniedFor(Denial.CONSENT_INVALID)
                .hasReason("NL-AVG-7", Outcome.FAILED, "c-1");
    }

    @Test
    @DisplayName("CONSENT_WITHDRAWN (NL-AVG-7-3): the only consent was withdrawn")
    void consentWithdrawn() {
        assertThatDecisionOf(baseline().with(consent("c-1").withdrawnAt(at("2026-02-01T12:00:00Z"))))
                .isDeniedFor(Denial.CONSENT_WITHDRAWN)
                .hasReason("NL-AVG-7-3", Outcome.FAILED, "c-1");
    }

    @Test
    @DisplayName("SOFT_OPT_IN_NOT_SIMILAR (NL-TW-11.7-3): a purchase of something unrelated")
    void softOptInNotSimilar() {
        assertThatDecisionOf(baseline().topics("kitchen-appliances").with(purchase("o-77")))
                .isDeniedFor(Denial.SOFT_OPT_IN_NOT_SIMILAR)
                .hasReason("NL-TW-11.7-3", Outcome.FAILED, "o-77");
    }

    @Test
    @DisplayName("SOFT_OPT_IN_EXPIRED (NL-TW-11.7-3, NL-POLICY-SOFT-TERM): the last purchase is older than the term")
    void softOptInExpired() {
        assertThatDecisionOf(baseline().with(purchase("o-77").on("2023-07-01")))
                .isDeniedFor(Denial.SOFT_OPT_IN_EXPIRED)
                .hasReason("NL-TW-11.7-3", Outcome.FAILED, "o-77")
                .hasReason("NL-POLICY-SOFT-TERM", Outcome.FAILED, "o-77");
    }

    @Test
    @DisplayName("SOFT_OPT_IN_NO_OBJECTION_CHANCE (NL-TW-11.7-3): no chance to object at checkout")
    void softOptInNoObjectionChance() {
        assertThatDecisionOf(baseline().with(purchase("o-77").objectionOffered(false)))
                .isDeniedFor(Denial.SOFT_OPT_IN_NO_OBJECTION_CHANCE)
                .hasReason("NL-TW-11.7-3", Outcome.FAILED, "o-77");
    }

    @Test
    @DisplayName("SOFT_OPT_IN_UNPROVEN (NL-TW-11.7-3): a sale without proof")
    void softOptInUnproven() {
        assertThatDecisionOf(baseline().with(purchase("o-77").proof(Proof.NONE)))
                .isDeniedFor(Denial.SOFT_OPT_IN_UNPROVEN)
                .hasReason("NL-TW-11.7-3", Outcome.FAILED, "o-77");
    }

    @Test
    @DisplayName("SENDER_IDENTITY_MISSING (NL-TW-11.7-4a): a blank legal name")
    void senderIdentityMissing() {
        assertThatDecisionOf(baseline().legalName(" ").with(consent("c-1")))
                .isDeniedFor(Denial.SENDER_IDENTITY_MISSING)
                .hasReason("NL-TW-11.7-4a", Outcome.FAILED);
    }

    /** Fails to compile when a denial code is added without a way to reach it. */
    @ParameterizedTest(name = "{0} is reachable and comes with no basis, evidence, validity or obligations")
    @EnumSource(Denial.class)
    void everyDenialIsReachable(Denial denial) {
        Requests request = switch (denial) {
            case OBJECTED -> baseline().with(objection("b-1"));
            case NO_CONSENT -> baseline().interaction("i-1", InteractionType.BROCHURE_REQUEST, at("2026-01-01T00:00:00Z"));
            case CONSENT_INVALID -> baseline().with(consent("c-1").method(ConsentMethod.TERMS_AND_CONDITIONS));
            case CONSENT_WITHDRAWN -> baseline().with(consent("c-1").withdrawnAt(at("2025-01-01T00:00:00Z")));
            case SOFT_OPT_IN_NOT_SIMILAR -> baseline().topics().with(purchase("o-77"));
            case SOFT_OPT_IN_EXPIRED -> baseline().softOptInMonths(6).with(purchase("o-77"));
            case SOFT_OPT_IN_NO_OBJECTION_CHANCE -> baseline().with(purchase("o-77").objectionOffered(false));
            case SOFT_OPT_IN_UNPROVEN -> baseline().with(purchase("o-77").date(null));
            case SENDER_IDENTITY_MISSING -> baseline().legalName(null);
        };
        assertThatDecisionOf(request).isDeniedFor(denial);
    }

    // ---- precedence ----------------------------------------------------------------------

    /** Every kind of failing evidence at once; each step below removes the winner. */
    private static Requests everythingFails() {
        return baseline()
                .with(consent("c-1").withdrawnAt(at("2026-02-01T12:00:00Z")))
                .with(consent("c-2").givenAt(at("2025-01-01T00:00:00Z")).method(ConsentMethod.PRETICKED_CHECKBOX))
                .with(purchase("o-77").objectionOffered(false));
    }

    @Test
    @DisplayName("precedence: OBJECTED comes before SENDER_IDENTITY_MISSING and every basis failure")
    void objectedFirst() {
        assertThatDecisionOf(everythingFails().legalName(" ").with(objection("b-1")))
                .isDeniedFor(Denial.OBJECTED);
    }

    @Test
    @DisplayName("precedence: SENDER_IDENTITY_MISSING comes before every basis failure")
    void senderIdentitySecond() {
        assertThatDecisionOf(everythingFails().legalName(" "))
                .isDeniedFor(Denial.SENDER_IDENTITY_MISSING)
                .hasReason("NL-AVG-7-3", Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("precedence: CONSENT_WITHDRAWN > CONSENT_INVALID > soft opt-in failure > NO_CONSENT")
    void basisFailurePrecedence() {
        assertThatDecisionOf(everythingFails())
                .isDeniedFor(Denial.CONSENT_WITHDRAWN)
                .hasReason("NL-AVG-7-3", Outcome.FAILED)
                .hasReason("NL-AVG-7", Outcome.PASSED)
                .hasReason("NL-TW-11.7-3", Outcome.FAILED);
        assertThatDecisionOf(baseline()
                .with(consent("c-2").method(ConsentMethod.PRETICKED_CHECKBOX))
                .with(purchase("o-77").objectionOffered(false)))
                .isDeniedFor(Denial.CONSENT_INVALID)
                .hasReason("NL-AVG-7", Outcome.FAILED)
                .hasReason("NL-TW-11.7-3", Outcome.FAILED);
        assertThatDecisionOf(baseline().with(purchase("o-77").objectionOffered(false)))
                .isDeniedFor(Denial.SOFT_OPT_IN_NO_OBJECTION_CHANCE);
        assertThatDecisionOf(baseline())
                .isDeniedFor(Denial.NO_CONSENT);
    }

    @Test
    @DisplayName("precedence: a soft opt-in failure comes before NO_CONSENT even with consents for other channels")
    void softOptInFailureBeforeNoConsent() {
        assertThatDecisionOf(baseline()
                .with(consent("c-1").channels(Channel.SMS))
                .with(purchase("o-77").proof(Proof.NONE)))
                .isDeniedFor(Denial.SOFT_OPT_IN_UNPROVEN);
    }
}
