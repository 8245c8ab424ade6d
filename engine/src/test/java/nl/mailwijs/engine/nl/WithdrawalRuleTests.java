package nl.mailwijs.engine.nl;

import static nl.mailwijs.engine.fixtures.DecisionAssert.assertThatDecisionOf;
import static nl.mailwijs.engine.fixtures.Requests.SEND_AT;
import static nl.mailwijs.engine.fixtures.Requests.at;
import static nl.mailwijs.engine.fixtures.Requests.baseline;
import static nl.mailwijs.engine.fixtures.Requests.consent;
import static nl.mailwijs.engine.fixtures.Requests.purchase;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.Proof;

/** NL-AVG-7-3: a withdrawal ends that consent from {@code withdrawnAt}. */
class WithdrawalRuleTests {

    private static final String ID = WithdrawalRule.ID;

    @Test
    @DisplayName("NL-AVG-7-3: a consent withdrawn before sendAt: CONSENT_WITHDRAWN naming the consent and the date (p05)")
    void withdrawnBeforeSend() {
        assertThatDecisionOf(baseline().with(consent("c-1").withdrawnAt(at("2026-02-01T12:00:00Z"))))
                .isDeniedFor(Denial.CONSENT_WITHDRAWN)
                .hasReason(ConsentRule.ID, Outcome.FAILED)
                .hasReason(ConsentValidityRule.ID, Outcome.PASSED)
                .hasReason(ID, Outcome.FAILED, "c-1", "2026-02-01");
    }

    @Test
    @DisplayName("NL-AVG-7-3: a consent withdrawn at the very moment of sending is ended")
    void withdrawnAtSend() {
        assertThatDecisionOf(baseline().with(consent("c-1").withdrawnAt(SEND_AT)))
                .isDeniedFor(Denial.CONSENT_WITHDRAWN)
                .hasReason(ID, Outcome.FAILED, "c-1", "2026-11-23");
    }

    @Test
    @DisplayName("NL-AVG-7-3: a withdrawal after sendAt does not end the consent yet")
    void withdrawnAfterSend() {
        assertThatDecisionOf(baseline().with(consent("c-1").withdrawnAt(SEND_AT.plusSeconds(1))))
                .isAllowedOn(Basis.CONSENT)
                .hasEvidenceUsed("c-1")
                .hasReason(ID, Outcome.PASSED, "c-1");
    }

    @Test
    @DisplayName("NL-AVG-7-3: a withdrawn consent beside one that still stands does not stand in the way")
    void withdrawnBesideStanding() {
        assertThatDecisionOf(baseline()
                .with(consent("c-1").withdrawnAt(at("2026-02-01T12:00:00Z")))
                .with(consent("c-2").givenAt(at("2026-03-01T10:00:00Z"))))
                .isAllowedOn(Basis.CONSENT)
                .hasEvidenceUsed("c-2")
                .hasReason(ID, Outcome.PASSED, "c-2");
    }

    @Test
    @DisplayName("NL-AVG-7-3: a consent that was never withdrawn passes")
    void notWithdrawn() {
        assertThatDecisionOf(baseline().with(consent("c-1")))
                .isAllowedOn(Basis.CONSENT)
                .hasReasonSaying(ID, Outcome.PASSED, "niet ingetrokken", "not been withdrawn")
                .hasReason(ID, Outcome.PASSED, "c-1");
    }

    @Test
    @DisplayName("NL-AVG-7-3: without an applicable consent the rule is NOT_APPLICABLE")
    void noConsent() {
        assertThatDecisionOf(baseline())
                .hasReason(ID, Outcome.NOT_APPLICABLE, "photo-prints");
    }

    @Test
    @DisplayName("NL-AVG-7-3: a withdrawn consent beside a later valid one: allowed on the later one only")
    void withdrawnBesideUsable() {
        assertThatDecisionOf(baseline()
                .with(consent("c-1").withdrawnAt(at("2025-01-01T00:00:00Z")))
                .with(consent("c-2").givenAt(at("2026-06-01T00:00:00Z"))))
                .isAllowedOn(Basis.CONSENT)
                .hasEvidenceUsed("c-2")
                .hasReason(ConsentRule.ID, Outcome.PASSED, "c-2");
    }

    @Test
    @DisplayName("NL-AVG-7-3: CONSENT_WITHDRAWN comes before CONSENT_INVALID")
    void withdrawnBeforeInvalid() {
        assertThatDecisionOf(baseline()
                .with(consent("c-1").withdrawnAt(at("2026-02-01T12:00:00Z")))
                .with(consent("c-2").givenAt(at("2025-01-01T00:00:00Z")).method(ConsentMethod.PRETICKED_CHECKBOX)))
                .isDeniedFor(Denial.CONSENT_WITHDRAWN)
                .hasReason(ID, Outcome.FAILED, "c-1");
    }

    @Test
    @DisplayName("NL-AVG-7-3: an invalid consent that was also withdrawn is reported as CONSENT_WITHDRAWN")
    void invalidAndWithdrawn() {
        assertThatDecisionOf(baseline().with(consent("c-1").method(ConsentMethod.PRETICKED_CHECKBOX)
                .withdrawnAt(at("2026-02-01T12:00:00Z"))))
                .isDeniedFor(Denial.CONSENT_WITHDRAWN)
                .hasReason(ConsentValidityRule.ID, Outcome.FAILED, "c-1")
                .hasReason(ID, Outcome.FAILED, "c-1");
    }

    @Test
    @DisplayName("NL-AVG-7-3: CONSENT_WITHDRAWN comes before a soft opt-in failure")
    void withdrawnBeforeSoftOptInFailure() {
        assertThatDecisionOf(baseline().with(consent("c-1").withdrawnAt(at("2026-02-01T12:00:00Z")))
                .with(purchase("o-77").proof(Proof.NONE)))
                .isDeniedFor(Denial.CONSENT_WITHDRAWN)
                .hasReason(SoftOptInRule.ID, Outcome.FAILED);
    }

    @Test
    @DisplayName("NL-AVG-7-3: a withdrawn consent does not stop a soft opt-in that holds")
    void withdrawnButSoftOptIn() {
        assertThatDecisionOf(baseline().with(consent("c-1").withdrawnAt(at("2026-02-01T12:00:00Z"))).with(purchase("o-77")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasEvidenceUsed("o-77");
    }

    @Test
    @DisplayName("NL-AVG-7-3: of several withdrawn consents the most recently given one is reported")
    void severalWithdrawn() {
        assertThatDecisionOf(baseline()
                .with(consent("c-2").givenAt(at("2025-05-01T00:00:00Z")).withdrawnAt(at("2025-06-01T00:00:00Z")))
                .with(consent("c-1").givenAt(at("2024-03-01T10:00:00Z")).withdrawnAt(at("2024-04-01T00:00:00Z"))))
                .isDeniedFor(Denial.CONSENT_WITHDRAWN)
                .hasReason(ID, Outcome.FAILED, "c-2", "2025-06-01");
    }
}
