package nl.mailwijs.engine;

import static nl.mailwijs.engine.fixtures.DecisionAssert.assertThatDecisionOf;
import static nl.mailwijs.engine.fixtures.Requests.baseline;
import static nl.mailwijs.engine.fixtures.Requests.consent;
import static nl.mailwijs.engine.fixtures.Requests.date;
import static nl.mailwijs.engine.fixtures.Requests.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Obligation;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.fixtures.Requests;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Purpose;

/**
 * Every basis of {@code decision-format.md}, with what an allowed message must carry
 * (rules-nl.md, "What every regulated message must carry"), and the order in which bases are
 * tried (evaluation order step 5).
 */
class BasisTests {

    private static final Obligation[] REGULATED_EMAIL = {
            Obligation.SENDER_IDENTITY, Obligation.OBJECTION_LINK, Obligation.LIST_UNSUBSCRIBE_ONE_CLICK,
            Obligation.DKIM, Obligation.SAFE_HEADERS};

    private static final Obligation[] REGULATED_SMS = {
            Obligation.SENDER_IDENTITY, Obligation.OBJECTION_LINK, Obligation.SMS_STOP};

    @Test
    @DisplayName("CONSENT (NL-TW-11.7-1): an e-mail carries identity, objection link, one-click unsubscribe, DKIM and safe headers")
    void consentBasis() {
        assertThatDecisionOf(baseline().with(consent("c-1")))
                .isAllowedOn(Basis.CONSENT)
                .hasEvidenceUsed("c-1")
                .hasBasisValidUntil(null)
                .hasObligationsIncluding(REGULATED_EMAIL)
                .hasObligationsExcluding(Obligation.SMS_STOP, Obligation.DESTINATION_COUNTRY_RULES)
                .hasReason("NL-TW-11.7-1", Outcome.PASSED, "c-1");
    }

    @ParameterizedTest(name = "CONSENT by {0}: carries SENDER_IDENTITY, OBJECTION_LINK and SMS_STOP, no e-mail headers")
    @EnumSource(value = Channel.class, names = {"SMS", "WHATSAPP"})
    void consentByPhone(Channel channel) {
        assertThatDecisionOf(baseline().channel(channel).with(consent("c-1").channels(channel)))
                .isAllowedOn(Basis.CONSENT)
                .hasObligationsIncluding(REGULATED_SMS)
                .hasObligationsExcluding(Obligation.LIST_UNSUBSCRIBE_ONE_CLICK, Obligation.DKIM, Obligation.DESTINATION_COUNTRY_RULES);
    }

    @Test
    @DisplayName("SOFT_OPT_IN (NL-TW-11.7-3): carries the regulated e-mail obligations, OBJECTION_LINK in every message")
    void softOptInBasis() {
        assertThatDecisionOf(baseline().with(purchase("o-77")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasEvidenceUsed("o-77")
                .hasBasisValidUntil(date("2028-01-12"))
                .hasObligationsIncluding(REGULATED_EMAIL)
                .hasObligationsExcluding(Obligation.SMS_STOP, Obligation.DESTINATION_COUNTRY_RULES);
    }

    @Test
    @DisplayName("SOFT_OPT_IN by SMS: carries SMS_STOP")
    void softOptInBySms() {
        assertThatDecisionOf(baseline().channel(Channel.SMS).with(purchase("o-77")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasObligationsIncluding(REGULATED_SMS);
    }

    @Test
    @DisplayName("NOT_REGULATED (NL-TW-11.7-SCOPE): a plain service message carries no obligations")
    void notRegulatedBasis() {
        assertThatDecisionOf(baseline().serviceMessage())
                .isAllowedOn(Basis.NOT_REGULATED)
                .hasNoEvidenceUsed()
                .hasBasisValidUntil(null)
                .hasNoObligations()
                .hasReason("NL-TW-11.7-SCOPE", Outcome.PASSED);
    }

    @Test
    @DisplayName("NOT_REGULATED by SMS: no obligations either")
    void notRegulatedBySms() {
        assertThatDecisionOf(baseline().serviceMessage().channel(Channel.SMS))
                .isAllowedOn(Basis.NOT_REGULATED)
                .hasNoObligations();
    }

    private static Requests personalProposal() {
        return baseline().business("pieter@installatiebedrijf.nl").purpose(Purpose.PERSONAL_PROPOSAL).recipientCount(1);
    }

    @Test
    @DisplayName("PERSONAL_PROPOSAL (NL-ACM-PERSONAL): carries the sender's identity and a way to object")
    void personalProposalObligations() {
        assertThatDecisionOf(personalProposal())
                .isAllowedOn(Basis.PERSONAL_PROPOSAL)
                .hasNoEvidenceUsed()
                .hasBasisValidUntil(null)
                .hasObligationsIncluding(Obligation.SENDER_IDENTITY, Obligation.OBJECTION_LINK, Obligation.DKIM, Obligation.SAFE_HEADERS)
                .hasObligationsExcluding(Obligation.SMS_STOP, Obligation.DESTINATION_COUNTRY_RULES)
                .hasReason("NL-ACM-PERSONAL", Outcome.PASSED);
    }

    @Test
    @DisplayName("PERSONAL_PROPOSAL by e-mail: a regulated e-mail carries LIST_UNSUBSCRIBE_ONE_CLICK")
    void personalProposalCarriesOneClickUnsubscribe() {
        assertThatDecisionOf(personalProposal())
                .isAllowedOn(Basis.PERSONAL_PROPOSAL)
                .hasObligationsIncluding(REGULATED_EMAIL);
    }

    @Test
    @DisplayName("OFFER_ADDRESS (NL-TW-11.7-2a): carries the regulated e-mail obligations")
    void offerAddressBasis() {
        assertThatDecisionOf(baseline().business("aanbieding@bakkerij-devries.nl"))
                .isAllowedOn(Basis.OFFER_ADDRESS)
                .hasNoEvidenceUsed()
                .hasBasisValidUntil(null)
                .hasObligationsIncluding(REGULATED_EMAIL)
                .hasObligationsExcluding(Obligation.SMS_STOP, Obligation.DESTINATION_COUNTRY_RULES);
    }

    @Test
    @DisplayName("OUTSIDE_EEA_BUSINESS (NL-TW-11.7-2b): carries the regulated e-mail obligations and DESTINATION_COUNTRY_RULES")
    void outsideEeaBusinessBasis() {
        assertThatDecisionOf(baseline().business("sales@acme.example").recipientCountry("US"))
                .isAllowedOn(Basis.OUTSIDE_EEA_BUSINESS)
                .hasNoEvidenceUsed()
                .hasBasisValidUntil(null)
                .hasObligationsIncluding(REGULATED_EMAIL)
                .hasObligationsIncluding(Obligation.DESTINATION_COUNTRY_RULES);
    }

    @Test
    @DisplayName("a DENY carries no obligations")
    void denyHasNoObligations() {
        assertThatDecisionOf(baseline()).hasNoObligations();
    }

    @Test
    @DisplayName("obligations name the catalogue ids of rules-nl.md")
    void obligationRuleIds() {
        Map<Obligation, String> ids = Arrays.stream(Obligation.values()).collect(Collectors.toMap(o -> o, Obligation::rule));
        assertThat(ids).containsExactlyInAnyOrderEntriesOf(Map.of(
                Obligation.SENDER_IDENTITY, "NL-TW-11.7-4a",
                Obligation.OBJECTION_LINK, "NL-TW-11.7-4b",
                Obligation.LIST_UNSUBSCRIBE_ONE_CLICK, "RFC-8058",
                Obligation.DKIM, "RFC-6376",
                Obligation.SAFE_HEADERS, "RFC-5322",
                Obligation.SMS_STOP, "SMS-STOP",
                Obligation.DESTINATION_COUNTRY_RULES, "NL-TW-11.7-2b"));
    }

    // ---- order of the bases --------------------------------------------------------------

    /** A business outside the EEA at an offer address, one-to-one proposal, existing customer, with consent: every basis holds. */
    private static Requests everyBasisHolds() {
        return baseline().business("aanbieding@acme.example").recipientCountry("US")
                .purpose(Purpose.PERSONAL_PROPOSAL).recipientCount(1)
                .with(purchase("o-77"));
    }

    @Test
    @DisplayName("order: CONSENT before SOFT_OPT_IN before PERSONAL_PROPOSAL before OFFER_ADDRESS before OUTSIDE_EEA_BUSINESS")
    void basisOrder() {
        assertThatDecisionOf(everyBasisHolds().with(consent("c-1")))
                .isAllowedOn(Basis.CONSENT)
                .hasEvidenceUsed("c-1")
                .hasReason("NL-TW-11.7-1", Outcome.PASSED)
                .hasReason("NL-TW-11.7-3", Outcome.PASSED)
                .hasReason("NL-ACM-PERSONAL", Outcome.PASSED)
                .hasReason("NL-TW-11.7-2a", Outcome.PASSED)
                .hasReason("NL-TW-11.7-2b", Outcome.PASSED);
        assertThatDecisionOf(everyBasisHolds())
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasEvidenceUsed("o-77");
        assertThatDecisionOf(baseline().business("aanbieding@acme.example").recipientCountry("US")
                .purpose(Purpose.PERSONAL_PROPOSAL).recipientCount(1))
                .isAllowedOn(Basis.PERSONAL_PROPOSAL)
                .hasNoEvidenceUsed();
        assertThatDecisionOf(baseline().business("aanbieding@acme.example").recipientCountry("US"))
                .isAllowedOn(Basis.OFFER_ADDRESS);
        assertThatDecisionOf(baseline().business("sales@acme.example").recipientCountry("US"))
                .isAllowedOn(Basis.OUTSIDE_EEA_BUSINESS);
    }
}
