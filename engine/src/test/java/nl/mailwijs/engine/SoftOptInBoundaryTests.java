package nl.mailwijs.engine;

import static nl.mailwijs.engine.fixtures.DecisionAssert.assertThatDecisionOf;
import static nl.mailwijs.engine.fixtures.Requests.at;
import static nl.mailwijs.engine.fixtures.Requests.baseline;
import static nl.mailwijs.engine.fixtures.Requests.date;
import static nl.mailwijs.engine.fixtures.Requests.purchase;

import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.fixtures.Requests;

/**
 * NL-POLICY-SOFT-TERM at the exact edge: the soft opt-in lapses at purchase date + term
 * (calendar months, UTC), so a send at that instant is already too late.
 */
class SoftOptInBoundaryTests {

    private static Requests purchasedOn(String purchaseDate, int months, Instant sendAt) {
        return baseline().softOptInMonths(months).sendAt(sendAt).with(purchase("o-1").on(purchaseDate));
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: purchase 2024-11-23, 24 months: a send at 2026-11-22T23:59:59Z is allowed until 2026-11-23T00:00Z")
    void lastSecondInsideTheTerm() {
        assertThatDecisionOf(purchasedOn("2024-11-23", 24, at("2026-11-22T23:59:59Z")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasEvidenceUsed("o-1")
                .hasBasisValidUntil(at("2026-11-23T00:00:00Z"))
                .hasReason("NL-POLICY-SOFT-TERM", Outcome.PASSED, "o-1", "2026-11-23");
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: one nanosecond before the lapse is still inside the term")
    void lastNanosecondInsideTheTerm() {
        assertThatDecisionOf(purchasedOn("2024-11-23", 24, at("2026-11-23T00:00:00Z").minusNanos(1)))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasBasisValidUntil(at("2026-11-23T00:00:00Z"));
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: purchase 2024-11-23, 24 months: a send at 2026-11-23T00:00:00Z is expired")
    void lapseInstantIsExpired() {
        assertThatDecisionOf(purchasedOn("2024-11-23", 24, at("2026-11-23T00:00:00Z")))
                .isDeniedFor(Denial.SOFT_OPT_IN_EXPIRED)
                .hasReason("NL-TW-11.7-3", Outcome.FAILED, "o-1", "2024-11-23", "2026-11-23")
                .hasReason("NL-POLICY-SOFT-TERM", Outcome.FAILED, "o-1", "2026-11-23");
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: the baseline send (2026-11-23T10:00Z) after a purchase on 2024-11-23 is expired")
    void baselineSendIsExpired() {
        assertThatDecisionOf(baseline().with(purchase("o-1").on("2024-11-23")))
                .isDeniedFor(Denial.SOFT_OPT_IN_EXPIRED);
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: a purchase dated exactly at sendAt is a candidate and carries")
    void purchaseAtSend() {
        Instant sendAt = at("2026-11-23T00:00:00Z");
        assertThatDecisionOf(baseline().sendAt(sendAt).with(purchase("o-1").date(sendAt)))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasBasisValidUntil(date("2028-11-23"));
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: a purchase one second after sendAt is ignored: NO_CONSENT")
    void purchaseJustAfterSend() {
        Instant sendAt = at("2026-11-23T00:00:00Z");
        assertThatDecisionOf(baseline().sendAt(sendAt).with(purchase("o-1").date(sendAt.plusSeconds(1))))
                .isDeniedFor(Denial.NO_CONSENT);
    }

    @ParameterizedTest(name = "NL-POLICY-SOFT-TERM: {0} + {1} month(s) lapses on {2}")
    @CsvSource({
            "2024-01-31, 1, 2024-02-29",
            "2023-01-31, 1, 2023-02-28",
            "2024-03-31, 1, 2024-04-30",
            "2024-02-29, 12, 2025-02-28",
            "2024-02-29, 48, 2028-02-29",
            "2024-08-31, 6, 2025-02-28",
            "2024-12-31, 2, 2025-02-28",
            "2024-11-23, 24, 2026-11-23"})
    void monthEnds(String purchaseDate, int months, String lapseDate) {
        Instant lapse = date(lapseDate);
        assertThatDecisionOf(purchasedOn(purchaseDate, months, lapse.minusSeconds(1)))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasBasisValidUntil(lapse)
                .hasReason("NL-POLICY-SOFT-TERM", Outcome.PASSED, lapseDate);
        assertThatDecisionOf(purchasedOn(purchaseDate, months, lapse))
                .isDeniedFor(Denial.SOFT_OPT_IN_EXPIRED)
                .hasReason("NL-POLICY-SOFT-TERM", Outcome.FAILED, lapseDate);
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: purchase 2024-01-31 + 1 month: a send on 2024-02-29 at noon is expired, on 2024-02-28 at noon allowed")
    void leapMonthEnd() {
        assertThatDecisionOf(purchasedOn("2024-01-31", 1, at("2024-02-28T12:00:00Z")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasBasisValidUntil(at("2024-02-29T00:00:00Z"));
        assertThatDecisionOf(purchasedOn("2024-01-31", 1, at("2024-02-29T12:00:00Z")))
                .isDeniedFor(Denial.SOFT_OPT_IN_EXPIRED);
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: a purchase with a time of day lapses at that time of day")
    void purchaseWithTimeOfDay() {
        Requests request = baseline().with(purchase("o-1").date(at("2024-11-23T15:30:00Z")));
        assertThatDecisionOf(request.sendAt(at("2026-11-23T15:29:59Z")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasBasisValidUntil(at("2026-11-23T15:30:00Z"));
        assertThatDecisionOf(request.sendAt(at("2026-11-23T15:30:00Z")))
                .isDeniedFor(Denial.SOFT_OPT_IN_EXPIRED);
    }

    @Test
    @DisplayName("NL-POLICY-SOFT-TERM: with two carrying purchases basisValidUntil is the later date + term")
    void latestOfSeveral() {
        assertThatDecisionOf(baseline().sendAt(at("2026-11-22T23:59:59Z"))
                .with(purchase("o-2").on("2024-11-23"))
                .with(purchase("o-1").on("2024-11-22")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasEvidenceUsed("o-2")
                .hasBasisValidUntil(at("2026-11-23T00:00:00Z"));
        assertThatDecisionOf(baseline().sendAt(at("2026-11-21T23:59:59Z"))
                .with(purchase("o-2").on("2024-11-23"))
                .with(purchase("o-1").on("2024-11-22")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasEvidenceUsed("o-1", "o-2")
                .hasBasisValidUntil(at("2026-11-23T00:00:00Z"));
    }
}
