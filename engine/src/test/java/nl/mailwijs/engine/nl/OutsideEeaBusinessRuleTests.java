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
import nl.mailwijs.engine.fixtures.Requests;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.RecipientKind;

/** NL-TW-11.7-2b: a business established outside the EEA, if the message meets that country's rules. */
class OutsideEeaBusinessRuleTests {

    private static final String ID = OutsideEeaBusinessRule.ID;

    private static Requests businessIn(String country) {
        return baseline().business("sales@acme.example").recipientCountry(country);
    }

    @ParameterizedTest(name = "NL-TW-11.7-2b: a business in {0} is outside the EEA: allowed with DESTINATION_COUNTRY_RULES")
    @ValueSource(strings = {"US", "CH", "GB", "CA", "JP", "TR"})
    void outsideEea(String country) {
        assertThatDecisionOf(businessIn(country))
                .isAllowedOn(Basis.OUTSIDE_EEA_BUSINESS)
                .hasNoEvidenceUsed()
                .hasBasisValidUntil(null)
                .hasObligationsIncluding(Obligation.DESTINATION_COUNTRY_RULES, Obligation.SENDER_IDENTITY,
                        Obligation.OBJECTION_LINK, Obligation.LIST_UNSUBSCRIBE_ONE_CLICK)
                .hasReason(ID, Outcome.PASSED, country);
    }

    @ParameterizedTest(name = "NL-TW-11.7-2b: {0} is in the EEA: no exemption, NO_CONSENT")
    @ValueSource(strings = {"NO", "IS", "LI", "RE", "GP", "MQ", "GF", "YT", "MF", "AX"})
    void eeaButNotEu(String country) {
        assertThatDecisionOf(businessIn(country))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReasonSaying(ID, Outcome.FAILED, "binnen de EER", "inside the EEA")
                .hasReason(ID, Outcome.FAILED, country);
    }

    @ParameterizedTest(name = "NL-TW-11.7-2b: EU member {0} is in the EEA: no exemption")
    @ValueSource(strings = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
            "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"})
    void euMembers(String country) {
        assertThatDecisionOf(businessIn(country))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.FAILED, country);
    }

    @Test
    @DisplayName("NL-TW-11.7-2b: a consumer in the US gets no exemption: NO_CONSENT, rule NOT_APPLICABLE")
    void consumerOutsideEea() {
        assertThatDecisionOf(baseline().kind(RecipientKind.NATURAL_PERSON).recipientCountry("US").address("joe@example.com"))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReasonSaying(ID, Outcome.NOT_APPLICABLE, "consumenten", "consumers");
    }

    @Test
    @DisplayName("NL-TW-11.7-2b: an SMS to a business outside the EEA carries SMS_STOP and DESTINATION_COUNTRY_RULES")
    void smsOutsideEea() {
        assertThatDecisionOf(businessIn("US").channel(Channel.SMS).address("+12025550123"))
                .isAllowedOn(Basis.OUTSIDE_EEA_BUSINESS)
                .hasObligationsIncluding(Obligation.SMS_STOP, Obligation.DESTINATION_COUNTRY_RULES)
                .hasObligationsExcluding(Obligation.LIST_UNSUBSCRIBE_ONE_CLICK);
    }

    @Test
    @DisplayName("NL-TW-11.7-2b: consent comes first, and then DESTINATION_COUNTRY_RULES is not demanded")
    void consentFirst() {
        assertThatDecisionOf(businessIn("US").with(consent("c-1")))
                .isAllowedOn(Basis.CONSENT)
                .hasObligationsExcluding(Obligation.DESTINATION_COUNTRY_RULES)
                .hasReason(ID, Outcome.PASSED, "US");
    }

    @Test
    @DisplayName("NL-TW-11.7-2b: an objection stops a business outside the EEA")
    void objectionStops() {
        assertThatDecisionOf(businessIn("US").with(objection("b-1")))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason(ID, Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("NL-TW-11.7-2b: a business outside the EEA still needs the sender's identity")
    void identityNeeded() {
        assertThatDecisionOf(businessIn("US").legalName(" "))
                .isDeniedFor(Denial.SENDER_IDENTITY_MISSING);
    }
}
