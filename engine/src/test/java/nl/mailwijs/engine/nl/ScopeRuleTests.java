package nl.mailwijs.engine.nl;

import static nl.mailwijs.engine.fixtures.DecisionAssert.assertThatDecisionOf;
import static nl.mailwijs.engine.fixtures.Requests.baseline;
import static nl.mailwijs.engine.fixtures.Requests.consent;
import static nl.mailwijs.engine.fixtures.Requests.objection;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.RecipientKind;

/** NL-TW-11.7-SCOPE: commercial, ideological and charitable messages are regulated; a plain service message is not. */
class ScopeRuleTests {

    private static final String ID = ScopeRule.ID;

    @Test
    @DisplayName("NL-TW-11.7-SCOPE: a service message without promotion is allowed as NOT_REGULATED with no obligations")
    void serviceMessageIsNotRegulated() {
        assertThatDecisionOf(baseline().serviceMessage())
                .isAllowedOn(Basis.NOT_REGULATED)
                .hasNoObligations()
                .hasNoEvidenceUsed()
                .hasBasisValidUntil(null)
                .hasReasonSaying(ID, Outcome.PASSED, "Dienstbericht zonder promotie", "Service message without promotion");
    }

    @Test
    @DisplayName("NL-TW-11.7-SCOPE: a service message about a topic, without promotion, needs no consent either")
    void serviceMessageWithTopicIsNotRegulated() {
        assertThatDecisionOf(baseline().purpose(Purpose.SERVICE).promotion(false).topics("photo-prints"))
                .isAllowedOn(Basis.NOT_REGULATED)
                .hasNoObligations()
                .hasReason(ID, Outcome.PASSED);
    }

    @Test
    @DisplayName("NL-TW-11.7-SCOPE: a service message without promotion is allowed even with an objection on all channels")
    void serviceMessageIgnoresObjection() {
        assertThatDecisionOf(baseline().serviceMessage().with(objection("b-1").allChannels()))
                .isAllowedOn(Basis.NOT_REGULATED)
                .hasNoObligations()
                .hasReason(ID, Outcome.PASSED)
                .hasReason(ObjectionRule.ID, Outcome.NOT_APPLICABLE);
    }

    @ParameterizedTest(name = "NL-TW-11.7-SCOPE: a service message by {0} to a {1} is not regulated")
    @CsvSource({"EMAIL,NATURAL_PERSON", "SMS,NATURAL_PERSON", "WHATSAPP,NATURAL_PERSON", "EMAIL,LEGAL_ENTITY", "SMS,LEGAL_ENTITY"})
    void serviceMessageOnEveryChannel(Channel channel, RecipientKind kind) {
        assertThatDecisionOf(baseline().serviceMessage().channel(channel).kind(kind))
                .isAllowedOn(Basis.NOT_REGULATED)
                .hasNoObligations();
    }

    @ParameterizedTest(name = "NL-TW-11.7-SCOPE: a {0} message needs a basis (no evidence: NO_CONSENT)")
    @EnumSource(value = Purpose.class, names = {"COMMERCIAL", "IDEOLOGICAL", "CHARITABLE"})
    void regulatedPurposesNeedABasis(Purpose purpose) {
        assertThatDecisionOf(baseline().purpose(purpose))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReasonSaying(ID, Outcome.PASSED, "valt onder art. 11.7 Tw", "covered by art. 11.7 Tw");
    }

    @ParameterizedTest(name = "NL-TW-11.7-SCOPE: the reason names the {0} purpose in both languages")
    @CsvSource({"COMMERCIAL,commercieel,commercial", "IDEOLOGICAL,ideëel,ideological", "CHARITABLE,charitatief,charitable"})
    void reasonNamesThePurpose(Purpose purpose, String dutch, String english) {
        assertThatDecisionOf(baseline().purpose(purpose))
                .hasReasonSaying(ID, Outcome.PASSED, dutch, english);
    }

    @Test
    @DisplayName("NL-TW-11.7-SCOPE: a charitable message with a valid consent is allowed on CONSENT")
    void charitableWithConsent() {
        assertThatDecisionOf(baseline().purpose(Purpose.CHARITABLE).with(consent("c-1")))
                .isAllowedOn(Basis.CONSENT)
                .hasReason(ID, Outcome.PASSED);
    }

    @ParameterizedTest(name = "NL-TW-11.7-SCOPE: {0} is a regulated channel")
    @EnumSource(Channel.class)
    void everyChannelIsRegulated(Channel channel) {
        assertThatDecisionOf(baseline().channel(channel))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.PASSED);
    }

    @Test
    @DisplayName("NL-TW-11.7-SCOPE: a message to a business is regulated as well (since 1 Oct 2009)")
    void businessRecipientsAreCovered() {
        assertThatDecisionOf(baseline().business("info@bakkerij-devries.nl"))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.PASSED);
    }

    @Test
    @DisplayName("NL-TW-11.7-SCOPE: a service message with promotion is in scope")
    void serviceWithPromotionIsInScope() {
        assertThatDecisionOf(baseline().purpose(Purpose.SERVICE).promotion(true))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReasonSaying(ID, Outcome.PASSED, "commercieel", "commercial");
    }

    @Test
    @DisplayName("NL-TW-11.7-SCOPE: a personal proposal is in scope (its own basis is judged later)")
    void personalProposalIsInScope() {
        assertThatDecisionOf(baseline().purpose(Purpose.PERSONAL_PROPOSAL))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.PASSED);
    }

    @Test
    @DisplayName("NL-TW-11.7-SCOPE: a commercial message without promotion flag is still regulated")
    void commercialWithoutPromotionFlag() {
        assertThatDecisionOf(baseline().promotion(false))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.PASSED);
    }
}
