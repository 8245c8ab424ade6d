package nl.mailwijs.engine.nl;

import static nl.mailwijs.engine.fixtures.DecisionAssert.assertThatDecisionOf;
import static nl.mailwijs.engine.fixtures.Requests.SEND_AT;
import static nl.mailwijs.engine.fixtures.Requests.baseline;
import static nl.mailwijs.engine.fixtures.Requests.date;
import static nl.mailwijs.engine.fixtures.Requests.purchase;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Obligation;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.RecipientKind;

/** NL-TW-11.7-3: the soft opt-in for existing customers. */
class SoftOptInRuleTests {

    private static final String ID = SoftOptInRule.ID;

    @Test
    @DisplayName("NL-TW-11.7-3: a proven sale, address collected with a chance to object, similar topic, within the term: SOFT_OPT_IN (p06)")
    void softOptInHolds() {
        assertThatDecisionOf(baseline().with(purchase("o-77")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasEvidenceUsed("o-77")
                .hasBasisValidUntil(date("2028-01-12"))
                .hasObligationsIncluding(Obligation.SENDER_IDENTITY, Obligation.OBJECTION_LINK, Obligation.LIST_UNSUBSCRIBE_ONE_CLICK)
                .hasReason(ID, Outcome.PASSED, "o-77", "photo-prints");
    }

    @Test
    @DisplayName("NL-TW-11.7-3: a message about the purchased category itself is similar without any policy mapping")
    void sameCategoryIsSimilar() {
        assertThatDecisionOf(baseline().noSimilarTopics().topics("portrait-photography").with(purchase("o-77")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasReason(ID, Outcome.PASSED, "o-77");
    }

    @Test
    @DisplayName("NL-TW-11.7-3: every message topic must be similar: two similar topics carry")
    void allTopicsSimilar() {
        assertThatDecisionOf(baseline().topics("photo-prints", "photo-albums").with(purchase("o-77")))
                .isAllowedOn(Basis.SOFT_OPT_IN);
    }

    @ParameterizedTest(name = "NL-TW-11.7-3: proof {0} proves the sale")
    @EnumSource(value = Proof.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void everyProofCounts(Proof proof) {
        assertThatDecisionOf(baseline().with(purchase("o-77").proof(proof)))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasReason(ID, Outcome.PASSED, "o-77");
    }

    @ParameterizedTest(name = "NL-TW-11.7-3: {0} is not a sale: NO_CONSENT")
    @CsvSource({
            "QUOTE,een offerte,a quote",
            "BROCHURE_REQUEST,een brochureaanvraag,a brochure request",
            "SHOWROOM_VISIT,een showroombezoek,a showroom visit",
            "INFORMATION_REQUEST,een informatieaanvraag,an information request",
            "EVENT,een evenement,an event"})
    void interactionIsNotASale(InteractionType type, String dutch, String english) {
        assertThatDecisionOf(baseline().interaction("i-1", type, date("2026-05-01")))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReasonSaying(ID, Outcome.FAILED, dutch, english)
                .hasReason(SoftOptInTermRule.ID, Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("NL-TW-11.7-3: a quote only, never bought: NO_CONSENT (p10)")
    void quoteOnly() {
        assertThatDecisionOf(baseline().interaction(null, InteractionType.QUOTE, date("2026-05-01")))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.FAILED);
    }

    @Test
    @DisplayName("NL-TW-11.7-3: no purchase at all: FAILED, NO_CONSENT")
    void noPurchase() {
        assertThatDecisionOf(baseline())
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReasonSaying(ID, Outcome.FAILED, "geen aankoop", "no purchase");
    }

    @Test
    @DisplayName("NL-TW-11.7-3 (b): an address not collected in the sale is no candidate: NO_CONSENT")
    void addressNotCollectedInSale() {
        assertThatDecisionOf(baseline().with(purchase("o-77").addressCollectedInSale(false)))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReasonSaying(ID, Outcome.FAILED, "niet bij een verkoop", "not collected by the sender in a sale")
                .hasReason(SoftOptInTermRule.ID, Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("NL-TW-11.7-3 (b): a purchase without collected address beside a real candidate: the candidate's failure is reported")
    void nonCandidateIsSkipped() {
        assertThatDecisionOf(baseline()
                .with(purchase("o-99").on("2026-06-01").addressCollectedInSale(false))
                .with(purchase("o-77").objectionOffered(false)))
                .isDeniedFor(Denial.SOFT_OPT_IN_NO_OBJECTION_CHANCE)
                .hasReason(ID, Outcome.FAILED, "o-77");
    }

    @Test
    @DisplayName("NL-TW-11.7-3 (f): a sale without proof: SOFT_OPT_IN_UNPROVEN naming the purchase")
    void unproven() {
        assertThatDecisionOf(baseline().with(purchase("o-77").proof(Proof.NONE)))
                .isDeniedFor(Denial.SOFT_OPT_IN_UNPROVEN)
                .hasReasonSaying(ID, Outcome.FAILED, "niet bewezen", "not proven")
                .hasReason(ID, Outcome.FAILED, "o-77");
    }

    @Test
    @DisplayName("NL-TW-11.7-3 (f): a sale without a date cannot be proven: SOFT_OPT_IN_UNPROVEN")
    void undatedPurchaseIsUnproven() {
        assertThatDecisionOf(baseline().with(purchase("o-77").date(null)))
                .isDeniedFor(Denial.SOFT_OPT_IN_UNPROVEN)
                .hasReason(ID, Outcome.FAILED, "o-77");
    }

    @Test
    @DisplayName("NL-TW-11.7-3 (c): no chance to object at collection: SOFT_OPT_IN_NO_OBJECTION_CHANCE (p09)")
    void noObjectionChance() {
        assertThatDecisionOf(baseline().with(purchase("o-77").objectionOffered(false)))
                .isDeniedFor(Denial.SOFT_OPT_IN_NO_OBJECTION_CHANCE)
                .hasReasonSaying(ID, Outcome.FAILED, "bezwaar", "object")
                .hasReason(ID, Outcome.FAILED, "o-77");
    }

    @Test
    @DisplayName("NL-TW-11.7-3 (d): a message about an unrelated product: SOFT_OPT_IN_NOT_SIMILAR naming topic and purchase (p07)")
    void notSimilar() {
        assertThatDecisionOf(baseline().topics("kitchen-appliances").with(purchase("o-77")))
                .isDeniedFor(Denial.SOFT_OPT_IN_NOT_SIMILAR)
                .hasReason(ID, Outcome.FAILED, "o-77", "kitchen-appliances", "portrait-photography");
    }

    @Test
    @DisplayName("NL-TW-11.7-3 (d): one dissimilar topic among similar ones: SOFT_OPT_IN_NOT_SIMILAR")
    void oneTopicNotSimilar() {
        assertThatDecisionOf(baseline().topics("photo-prints", "kitchen-appliances").with(purchase("o-77")))
                .isDeniedFor(Denial.SOFT_OPT_IN_NOT_SIMILAR)
                .hasReason(ID, Outcome.FAILED, "kitchen-appliances");
    }

    @Test
    @DisplayName("NL-TW-11.7-3 (d): similarity is the sender's policy: without the mapping photo-prints is not similar")
    void similarityComesFromPolicy() {
        assertThatDecisionOf(baseline().noSimilarTopics().with(purchase("o-77")))
                .isDeniedFor(Denial.SOFT_OPT_IN_NOT_SIMILAR);
    }

    @Test
    @DisplayName("NL-TW-11.7-3 (d): a message without a product topic (company news) cannot rely on it: SOFT_OPT_IN_NOT_SIMILAR")
    void noTopicIsNotSimilar() {
        assertThatDecisionOf(baseline().topics().with(purchase("o-77")))
                .isDeniedFor(Denial.SOFT_OPT_IN_NOT_SIMILAR)
                .hasReasonSaying(ID, Outcome.FAILED, "zonder productonderwerp", "without a product topic")
                .hasReason(ID, Outcome.FAILED, "o-77");
    }

    @Test
    @DisplayName("NL-TW-11.7-3: a purchase older than the term: SOFT_OPT_IN_EXPIRED (p08)")
    void expired() {
        assertThatDecisionOf(baseline().with(purchase("o-77").on("2023-07-01")))
                .isDeniedFor(Denial.SOFT_OPT_IN_EXPIRED)
                .hasReason(ID, Outcome.FAILED, "o-77", "2023-07-01", "24", "2025-07-01");
    }

    @Test
    @DisplayName("NL-TW-11.7-3: a purchase dated after sendAt is ignored")
    void purchaseAfterSendIgnored() {
        assertThatDecisionOf(baseline().with(purchase("o-77").date(SEND_AT.plusSeconds(1))))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.FAILED);
    }

    @Test
    @DisplayName("NL-TW-11.7-3: a sale to a business recipient carries the soft opt-in too")
    void businessCustomer() {
        assertThatDecisionOf(baseline().kind(RecipientKind.LEGAL_ENTITY).address("pieter@installatiebedrijf.nl").with(purchase("o-77")))
                .isAllowedOn(Basis.SOFT_OPT_IN);
    }

    // ---- check order on one purchase: UNPROVEN > NO_OBJECTION_CHANCE > NOT_SIMILAR > EXPIRED ----

    @Test
    @DisplayName("NL-TW-11.7-3: a purchase failing everything is reported SOFT_OPT_IN_UNPROVEN first")
    void orderUnprovenFirst() {
        assertThatDecisionOf(baseline().topics("kitchen-appliances")
                .with(purchase("o-77").on("2020-01-01").proof(Proof.NONE).objectionOffered(false)))
                .isDeniedFor(Denial.SOFT_OPT_IN_UNPROVEN)
                .hasReason(ID, Outcome.FAILED, "o-77");
    }

    @Test
    @DisplayName("NL-TW-11.7-3: proven but no chance to object, not similar and expired: SOFT_OPT_IN_NO_OBJECTION_CHANCE")
    void orderNoObjectionChanceSecond() {
        assertThatDecisionOf(baseline().topics("kitchen-appliances")
                .with(purchase("o-77").on("2020-01-01").objectionOffered(false)))
                .isDeniedFor(Denial.SOFT_OPT_IN_NO_OBJECTION_CHANCE);
    }

    @Test
    @DisplayName("NL-TW-11.7-3: proven with chance to object, not similar and expired: SOFT_OPT_IN_NOT_SIMILAR")
    void orderNotSimilarThird() {
        assertThatDecisionOf(baseline().topics("kitchen-appliances").with(purchase("o-77").on("2020-01-01")))
                .isDeniedFor(Denial.SOFT_OPT_IN_NOT_SIMILAR);
    }

    @Test
    @DisplayName("NL-TW-11.7-3: only expired: SOFT_OPT_IN_EXPIRED")
    void orderExpiredLast() {
        assertThatDecisionOf(baseline().with(purchase("o-77").on("2020-01-01")))
                .isDeniedFor(Denial.SOFT_OPT_IN_EXPIRED);
    }

    // ---- several purchases ---------------------------------------------------------------

    @Test
    @DisplayName("NL-TW-11.7-3: the failure of the MOST RECENT candidate is reported (newer no-chance beats older unproven)")
    void mostRecentCandidateIsReported() {
        assertThatDecisionOf(baseline()
                .with(purchase("o-1").on("2025-01-10").proof(Proof.NONE))
                .with(purchase("o-2").on("2026-01-10").objectionOffered(false)))
                .isDeniedFor(Denial.SOFT_OPT_IN_NO_OBJECTION_CHANCE)
                .hasReason(ID, Outcome.FAILED, "o-2");
    }

    @Test
    @DisplayName("NL-TW-11.7-3: the failure of the MOST RECENT candidate is reported (newer unproven beats older no-chance)")
    void mostRecentCandidateIsReportedRegardlessOfListOrder() {
        assertThatDecisionOf(baseline()
                .with(purchase("o-2").on("2026-01-10").proof(Proof.NONE))
                .with(purchase("o-1").on("2025-01-10").objectionOffered(false)))
                .isDeniedFor(Denial.SOFT_OPT_IN_UNPROVEN)
                .hasReason(ID, Outcome.FAILED, "o-2");
    }

    @Test
    @DisplayName("NL-TW-11.7-3: an older expired purchase and a newer dissimilar one: SOFT_OPT_IN_NOT_SIMILAR of the newer")
    void newerDissimilarBeatsOlderExpired() {
        assertThatDecisionOf(baseline()
                .with(purchase("o-1").on("2022-01-10"))
                .with(purchase("o-2").on("2026-01-10").categories("kitchen-appliances")))
                .isDeniedFor(Denial.SOFT_OPT_IN_NOT_SIMILAR)
                .hasReason(ID, Outcome.FAILED, "o-2", "kitchen-appliances");
    }

    @Test
    @DisplayName("NL-TW-11.7-3: an older dissimilar purchase and a newer expired one: SOFT_OPT_IN_EXPIRED of the newer")
    void newerExpiredBeatsOlderDissimilar() {
        assertThatDecisionOf(baseline()
                .with(purchase("o-1").on("2021-01-10").categories("kitchen-appliances"))
                .with(purchase("o-2").on("2023-01-10")))
                .isDeniedFor(Denial.SOFT_OPT_IN_EXPIRED)
                .hasReason(ID, Outcome.FAILED, "o-2");
    }

    @Test
    @DisplayName("NL-TW-11.7-3: two candidates on the same date: the failure first in the check order is reported")
    void sameDateCandidates() {
        assertThatDecisionOf(baseline()
                .with(purchase("o-1").objectionOffered(false))
                .with(purchase("o-2").proof(Proof.NONE)))
                .isDeniedFor(Denial.SOFT_OPT_IN_UNPROVEN)
                .hasReason(ID, Outcome.FAILED, "o-2");
    }

    @Test
    @DisplayName("NL-TW-11.7-3: one carrying purchase beside failing ones allows, with only the carrying one as evidence")
    void oneCarryingAmongFailing() {
        assertThatDecisionOf(baseline()
                .with(purchase("o-3").on("2026-05-01").proof(Proof.NONE))
                .with(purchase("o-1").on("2025-03-01"))
                .with(purchase("o-2").on("2025-09-01").categories("kitchen-appliances")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasEvidenceUsed("o-1")
                .hasBasisValidUntil(date("2027-03-01"))
                .hasReason(ID, Outcome.PASSED, "o-1");
    }

    @Test
    @DisplayName("NL-TW-11.7-3: several carrying purchases: evidenceUsed lists all, basisValidUntil = latest date + term")
    void severalCarryingPurchases() {
        assertThatDecisionOf(baseline()
                .with(purchase("o-2").on("2026-01-12").proof(Proof.ORDER))
                .with(purchase("o-1").on("2025-02-03"))
                .with(purchase("o-3").on("2025-08-20").categories("photo-prints")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasEvidenceUsed("o-1", "o-2", "o-3")
                .hasBasisValidUntil(date("2028-01-12"))
                .hasReason(ID, Outcome.PASSED, "o-2");
    }
}
