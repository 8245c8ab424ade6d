package nl.mailwijs.engine.nl;

import static nl.mailwijs.engine.fixtures.DecisionAssert.assertThatDecisionOf;
import static nl.mailwijs.engine.fixtures.Requests.baseline;
import static nl.mailwijs.engine.fixtures.Requests.consent;
import static nl.mailwijs.engine.fixtures.Requests.objection;
import static nl.mailwijs.engine.fixtures.Requests.purchase;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Obligation;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.fixtures.Requests;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.RecipientKind;

/** NL-ACM-PERSONAL: a personal one-to-one proposal to a single business is not a mailing. */
class PersonalProposalRuleTests {

    private static final String ID = PersonalProposalRule.ID;

    private static Requests proposalToOneBusiness() {
        return baseline().business("pieter@installatiebedrijf.nl").purpose(Purpose.PERSONAL_PROPOSAL).recipientCount(1);
    }

    @Test
    @DisplayName("NL-ACM-PERSONAL: a personal proposal to one LEGAL_ENTITY with recipientCount 1 is allowed (p16)")
    void proposalToOneBusiness_() {
        assertThatDecisionOf(proposalToOneBusiness())
                .isAllowedOn(Basis.PERSONAL_PROPOSAL)
                .hasNoEvidenceUsed()
                .hasBasisValidUntil(null)
                .hasObligationsIncluding(Obligation.SENDER_IDENTITY, Obligation.OBJECTION_LINK)
                .hasReasonSaying(ID, Outcome.PASSED, "één bedrijf", "single business");
    }

    @Test
    @DisplayName("NL-ACM-PERSONAL: a personal proposal to a NATURAL_PERSON is commercial: NO_CONSENT")
    void proposalToConsumer() {
        assertThatDecisionOf(proposalToOneBusiness().kind(RecipientKind.NATURAL_PERSON))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReasonSaying(ID, Outcome.FAILED, "telt als commercieel", "counts as commercial");
    }

    @ParameterizedTest(name = "NL-ACM-PERSONAL: recipientCount {0} is not one-to-one: commercial, NO_CONSENT")
    @NullSource
    @ValueSource(ints = {0, 2, 25, 1500})
    void proposalToMoreThanOne(Integer recipientCount) {
        assertThatDecisionOf(proposalToOneBusiness().recipientCount(recipientCount))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.FAILED);
    }

    @Test
    @DisplayName("NL-ACM-PERSONAL: a personal proposal to a consumer is allowed on a valid consent like any commercial message")
    void proposalToConsumerWithConsent() {
        assertThatDecisionOf(proposalToOneBusiness().kind(RecipientKind.NATURAL_PERSON).with(consent("c-1")))
                .isAllowedOn(Basis.CONSENT)
                .hasObligationsIncluding(Obligation.LIST_UNSUBSCRIBE_ONE_CLICK)
                .hasReason(ID, Outcome.FAILED);
    }

    @Test
    @DisplayName("NL-ACM-PERSONAL: a mass personal proposal to a business on an offer address is allowed on OFFER_ADDRESS")
    void massProposalOnOfferAddress() {
        assertThatDecisionOf(proposalToOneBusiness().recipientCount(40).address("aanbieding@installatiebedrijf.nl"))
                .isAllowedOn(Basis.OFFER_ADDRESS)
                .hasReason(ID, Outcome.FAILED);
    }

    @ParameterizedTest(name = "NL-ACM-PERSONAL: not applicable to a {0} message")
    @EnumSource(value = Purpose.class, names = {"COMMERCIAL", "IDEOLOGICAL", "CHARITABLE"})
    void notApplicableToOtherPurposes(Purpose purpose) {
        assertThatDecisionOf(proposalToOneBusiness().purpose(purpose))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReasonSaying(ID, Outcome.NOT_APPLICABLE, "Geen persoonlijk", "Not a personal");
    }

    @Test
    @DisplayName("NL-ACM-PERSONAL: consent and soft opt-in come before the personal proposal")
    void consentAndSoftOptInFirst() {
        assertThatDecisionOf(proposalToOneBusiness().with(consent("c-1")))
                .isAllowedOn(Basis.CONSENT)
                .hasReason(ID, Outcome.PASSED);
        assertThatDecisionOf(proposalToOneBusiness().with(purchase("o-77")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasReason(ID, Outcome.PASSED);
    }

    @Test
    @DisplayName("NL-ACM-PERSONAL: the personal proposal comes before an offer address and a business outside the EEA")
    void beforeOfferAddressAndOutsideEea() {
        assertThatDecisionOf(proposalToOneBusiness().address("aanbieding@acme.example").recipientCountry("US"))
                .isAllowedOn(Basis.PERSONAL_PROPOSAL)
                .hasReason(OfferAddressRule.ID, Outcome.PASSED)
                .hasReason(OutsideEeaBusinessRule.ID, Outcome.PASSED)
                .hasObligationsExcluding(Obligation.DESTINATION_COUNTRY_RULES);
    }

    @Test
    @DisplayName("NL-ACM-PERSONAL: an objection stops a personal proposal")
    void objectionStops() {
        assertThatDecisionOf(proposalToOneBusiness().with(objection("b-1")))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason(ID, Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("NL-ACM-PERSONAL: a personal proposal needs the sender's identity")
    void identityNeeded() {
        assertThatDecisionOf(proposalToOneBusiness().legalName(""))
                .isDeniedFor(Denial.SENDER_IDENTITY_MISSING);
    }
}
