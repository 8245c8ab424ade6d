package nl.mailwijs.engine.nl;

import static nl.mailwijs.engine.fixtures.DecisionAssert.assertThatDecisionOf;
import static nl.mailwijs.engine.fixtures.Requests.baseline;
import static nl.mailwijs.engine.fixtures.Requests.consent;
import static nl.mailwijs.engine.fixtures.Requests.objection;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Obligation;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.RecipientKind;

/** NL-TW-11.7-2a: an address a business designated and published for offers; never for consumers. */
class OfferAddressRuleTests {

    private static final String ID = OfferAddressRule.ID;

    @ParameterizedTest(name = "NL-TW-11.7-2a: {0} is an address for offers")
    @ValueSource(strings = {"aanbieding@bakkerij-devries.nl", "acquisitie@bakkerij-devries.nl", "offers@bakkerij-devries.nl"})
    void offerLocalParts(String address) {
        assertThatDecisionOf(baseline().business(address))
                .isAllowedOn(Basis.OFFER_ADDRESS)
                .hasNoEvidenceUsed()
                .hasBasisValidUntil(null)
                .hasObligationsIncluding(Obligation.SENDER_IDENTITY, Obligation.OBJECTION_LINK, Obligation.LIST_UNSUBSCRIBE_ONE_CLICK)
                .hasReason(ID, Outcome.PASSED, address);
    }

    @ParameterizedTest(name = "NL-TW-11.7-2a: the local part matches case-insensitively: {0}")
    @ValueSource(strings = {"AANBIEDING@bakkerij-devries.nl", "Acquisitie@bakkerij-devries.nl", "OfFeRs@bakkerij-devries.nl"})
    void localPartIsCaseInsensitive(String address) {
        assertThatDecisionOf(baseline().business(address))
                .isAllowedOn(Basis.OFFER_ADDRESS)
                .hasReason(ID, Outcome.PASSED, address);
    }

    @Test
    @DisplayName("NL-TW-11.7-2a: a generic address the business flagged publishedForOffers qualifies")
    void publishedForOffersFlag() {
        assertThatDecisionOf(baseline().business("verkoop@bakkerij-devries.nl").publishedForOffers(true))
                .isAllowedOn(Basis.OFFER_ADDRESS)
                .hasReason(ID, Outcome.PASSED, "verkoop@bakkerij-devries.nl");
    }

    @ParameterizedTest(name = "NL-TW-11.7-2a: {0} does not qualify: NO_CONSENT")
    @ValueSource(strings = {"info@bakkerij-devries.nl", "pieter@bakkerij-devries.nl", "aanbiedingen-archief@bakkerij-devries.nl",
            "sales@bakkerij-devries.nl"})
    void otherAddressesDoNotQualify(String address) {
        assertThatDecisionOf(baseline().business(address))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.FAILED, address);
    }

    @Test
    @DisplayName("NL-TW-11.7-2a: never for consumers, not even at aanbieding@")
    void neverForConsumers() {
        assertThatDecisionOf(baseline().kind(RecipientKind.NATURAL_PERSON).address("aanbieding@example.nl"))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReasonSaying(ID, Outcome.NOT_APPLICABLE, "consumenten", "consumers");
    }

    @Test
    @DisplayName("NL-TW-11.7-2a: never for consumers, not even when flagged publishedForOffers")
    void neverForConsumersEvenFlagged() {
        assertThatDecisionOf(baseline().kind(RecipientKind.NATURAL_PERSON).publishedForOffers(true))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("NL-TW-11.7-2a: the sender's policy decides the local parts")
    void policyLocalParts() {
        assertThatDecisionOf(baseline().offerLocalParts("inkoop").business("inkoop@bakkerij-devries.nl"))
                .isAllowedOn(Basis.OFFER_ADDRESS);
        assertThatDecisionOf(baseline().offerLocalParts("inkoop").business("aanbieding@bakkerij-devries.nl"))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.FAILED);
    }

    @Test
    @DisplayName("NL-TW-11.7-2a: a business phone number flagged publishedForOffers qualifies for SMS, with SMS_STOP")
    void smsPublishedForOffers() {
        assertThatDecisionOf(baseline().kind(RecipientKind.LEGAL_ENTITY).channel(Channel.SMS).publishedForOffers(true))
                .isAllowedOn(Basis.OFFER_ADDRESS)
                .hasObligationsIncluding(Obligation.SMS_STOP);
    }

    @Test
    @DisplayName("NL-TW-11.7-2a: the offer address comes before a business outside the EEA")
    void beforeOutsideEea() {
        assertThatDecisionOf(baseline().business("offers@acme.example").recipientCountry("US"))
                .isAllowedOn(Basis.OFFER_ADDRESS)
                .hasReason(OutsideEeaBusinessRule.ID, Outcome.PASSED)
                .hasObligationsExcluding(Obligation.DESTINATION_COUNTRY_RULES);
    }

    @Test
    @DisplayName("NL-TW-11.7-2a: consent comes before the offer address")
    void consentFirst() {
        assertThatDecisionOf(baseline().business("aanbieding@bakkerij-devries.nl").with(consent("c-1")))
                .isAllowedOn(Basis.CONSENT)
                .hasReason(ID, Outcome.PASSED);
    }

    @Test
    @DisplayName("NL-TW-11.7-2a: an objection stops mail to an offer address")
    void objectionStops() {
        assertThatDecisionOf(baseline().business("aanbieding@bakkerij-devries.nl").with(objection("b-1")))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason(ID, Outcome.NOT_APPLICABLE);
    }
}
