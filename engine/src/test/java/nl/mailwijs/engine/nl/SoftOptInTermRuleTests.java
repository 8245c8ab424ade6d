package nl.mailwijs.engine.nl;

import static nl.mailwijs.engine.fixtures.DecisionAssert.assertThatDecisionOf;
import static nl.mailwijs.engine.fixtures.Requests.baseline;
import static nl.mailwijs.engine.fixtures.Requests.date;
import static nl.mailwijs.engine.fixtures.Requests.purchase;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.request.Proof;

/** NL-POLICY-SOFT-TERM: the soft opt-in lapses softOptInMonths (default 24) after the most recent qualifying purchase. */
class SoftOptInTermRuleTests {

    private static final String ID = SoftOptInTermRule.ID;

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: within the term: PASSED naming the purchase and the end date")
    void withinTerm() {
        assertThatDecisionOf(baseline().with(purchase("o-77")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasBasisValidUntil(date("2028-01-12"))
                .hasReason(ID, Outcome.PASSED, "o-77", "24", "2028-01-12");
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: past the term: FAILED, denial SOFT_OPT_IN_EXPIRED")
    void pastTerm() {
        assertThatDecisionOf(baseline().with(purchase("o-77").on("2023-07-01")))
                .isDeniedFor(Denial.SOFT_OPT_IN_EXPIRED)
                .hasReason(ID, Outcome.FAILED, "o-77", "24", "2025-07-01");
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: a purchase 18 months ago is within a 24-month policy")
    void eighteenMonthsWith24() {
        assertThatDecisionOf(baseline().softOptInMonths(24).with(purchase("o-77").on("2025-05-23")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasBasisValidUntil(date("2027-05-23"))
                .hasReason(ID, Outcome.PASSED, "o-77", "24");
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: the same purchase is expired under a 12-month policy")
    void eighteenMonthsWith12() {
        assertThatDecisionOf(baseline().softOptInMonths(12).with(purchase("o-77").on("2025-05-23")))
                .isDeniedFor(Denial.SOFT_OPT_IN_EXPIRED)
                .hasReason(ID, Outcome.FAILED, "o-77", "12", "2026-05-23")
                .hasReason(SoftOptInRule.ID, Outcome.FAILED, "o-77", "12", "2026-05-23");
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: a 12-month policy still allows a purchase 10 months ago, valid until date + 12 months")
    void tenMonthsWith12() {
        assertThatDecisionOf(baseline().softOptInMonths(12).with(purchase("o-77")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasBasisValidUntil(date("2027-01-12"))
                .hasReason(ID, Outcome.PASSED, "12", "2027-01-12");
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: without a policy the default is 24 months")
    void defaultTermIs24Months() {
        assertThatDecisionOf(baseline().withoutPolicy().topics("portrait-photography").with(purchase("o-77").on("2024-12-01")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasBasisValidUntil(date("2026-12-01"))
                .hasReason(ID, Outcome.PASSED, "24");
        assertThatDecisionOf(baseline().withoutPolicy().topics("portrait-photography").with(purchase("o-77").on("2024-11-01")))
                .isDeniedFor(Denial.SOFT_OPT_IN_EXPIRED)
                .hasReason(ID, Outcome.FAILED, "24");
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: the term runs from the most recent qualifying purchase")
    void termRunsFromMostRecentPurchase() {
        assertThatDecisionOf(baseline()
                .with(purchase("o-1").on("2023-01-05"))
                .with(purchase("o-2").on("2025-06-30")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasEvidenceUsed("o-2")
                .hasBasisValidUntil(date("2027-06-30"))
                .hasReason(ID, Outcome.PASSED, "o-2", "2027-06-30");
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: without any purchase the rule is NOT_APPLICABLE")
    void noPurchase() {
        assertThatDecisionOf(baseline())
                .hasReason(ID, Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: an undated purchase has no term: NOT_APPLICABLE naming it")
    void undatedPurchase() {
        assertThatDecisionOf(baseline().with(purchase("o-77").date(null)))
                .isDeniedFor(Denial.SOFT_OPT_IN_UNPROVEN)
                .hasReason(ID, Outcome.NOT_APPLICABLE, "o-77");
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: a recent but unproven purchase: its term runs, but it carries nothing (NOT_APPLICABLE)")
    void recentButUnproven() {
        assertThatDecisionOf(baseline().with(purchase("o-77").proof(Proof.NONE)))
                .isDeniedFor(Denial.SOFT_OPT_IN_UNPROVEN)
                .hasReason(ID, Outcome.NOT_APPLICABLE, "o-77", "2028-01-12");
    }
}
