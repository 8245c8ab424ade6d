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
import nl.mailwijs.engine.decision.Obligation;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.RecipientKind;

/** NL-TW-11.7-1: prior consent of this recipient, for this channel and these topics. */
class ConsentRuleTests {

    private static final String ID = ConsentRule.ID;

    @Test
    @DisplayName("NL-TW-11.7-1: a valid consent for e-mail about photo-prints allows the message (p01)")
    void validConsentAllows() {
        assertThatDecisionOf(baseline().with(consent("c-1").topics("photo-prints")))
                .isAllowedOn(Basis.CONSENT)
                .hasEvidenceUsed("c-1")
                .hasBasisValidUntil(null)
                .hasObligationsIncluding(Obligation.SENDER_IDENTITY, Obligation.OBJECTION_LINK, Obligation.LIST_UNSUBSCRIBE_ONE_CLICK)
                .hasReason(ID, Outcome.PASSED, "c-1", "photo-prints");
    }

    @Test
    @DisplayName("NL-TW-11.7-1: without any evidence there is no consent: NO_CONSENT naming channel and topic")
    void noEvidenceNoConsent() {
        assertThatDecisionOf(baseline())
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.FAILED, "e-mail", "photo-prints")
                .hasReason(ConsentValidityRule.ID, Outcome.NOT_APPLICABLE)
                .hasReason(WithdrawalRule.ID, Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("NL-TW-11.7-1: a consent with empty topics covers every topic of the sender")
    void emptyTopicsCoverEverything() {
        assertThatDecisionOf(baseline().topics("photo-prints", "canvas-prints", "gift-vouchers").with(consent("c-1").topics()))
                .isAllowedOn(Basis.CONSENT)
                .hasEvidenceUsed("c-1")
                .hasReason(ID, Outcome.PASSED, "c-1");
    }

    @Test
    @DisplayName("NL-TW-11.7-1: a consent with empty topics covers company news without a topic")
    void emptyTopicsCoverMessageWithoutTopic() {
        assertThatDecisionOf(baseline().topics().with(consent("c-1").topics()))
                .isAllowedOn(Basis.CONSENT)
                .hasReason(ID, Outcome.PASSED, "c-1");
    }

    @Test
    @DisplayName("NL-TW-11.7-1: a consent for another topic does not apply: NO_CONSENT")
    void consentForAnotherTopicDoesNotApply() {
        assertThatDecisionOf(baseline().with(consent("c-1").topics("photo-albums")))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.FAILED, "photo-prints")
                .hasReason(ConsentValidityRule.ID, Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("NL-TW-11.7-1: a consent must cover every topic of the message")
    void consentMustCoverEveryTopic() {
        assertThatDecisionOf(baseline().topics("photo-prints", "photo-albums").with(consent("c-1").topics("photo-prints")))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.FAILED);
    }

    @Test
    @DisplayName("NL-TW-11.7-1: a consent naming all topics of the message (and more) applies")
    void consentCoveringAllTopicsAndMore() {
        assertThatDecisionOf(baseline().topics("photo-prints", "photo-albums")
                .with(consent("c-1").topics("photo-albums", "photo-prints", "canvas")))
                .isAllowedOn(Basis.CONSENT)
                .hasReason(ID, Outcome.PASSED, "c-1");
    }

    @Test
    @DisplayName("NL-TW-11.7-1: a consent for SMS does not apply to an e-mail")
    void consentForAnotherChannelDoesNotApply() {
        assertThatDecisionOf(baseline().with(consent("c-1").channels(Channel.SMS)))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.FAILED, "e-mail")
                .hasReason(ConsentValidityRule.ID, Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("NL-TW-11.7-1: an SMS with only an e-mail consent is denied NO_CONSENT (p17)")
    void smsWithoutSmsConsent() {
        assertThatDecisionOf(baseline().channel(Channel.SMS).with(consent("c-1").channels(Channel.EMAIL).topics("photo-prints")))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReasonSaying(ID, Outcome.FAILED, "sms", "SMS");
    }

    @Test
    @DisplayName("NL-TW-11.7-1: a consent for e-mail and SMS allows an SMS, which must carry SMS_STOP")
    void consentForSeveralChannels() {
        assertThatDecisionOf(baseline().channel(Channel.SMS).with(consent("c-1").channels(Channel.EMAIL, Channel.SMS)))
                .isAllowedOn(Basis.CONSENT)
                .hasEvidenceUsed("c-1")
                .hasObligationsIncluding(Obligation.SMS_STOP)
                .hasReason(ID, Outcome.PASSED, "c-1");
    }

    @Test
    @DisplayName("NL-TW-11.7-1: a WhatsApp consent allows a WhatsApp message")
    void whatsAppConsent() {
        assertThatDecisionOf(baseline().channel(Channel.WHATSAPP).with(consent("c-1").channels(Channel.WHATSAPP)))
                .isAllowedOn(Basis.CONSENT)
                .hasReason(ID, Outcome.PASSED, "WhatsApp");
    }

    @Test
    @DisplayName("NL-TW-11.7-1: a consent given after sendAt is ignored (prior consent)")
    void consentAfterSendIsIgnored() {
        assertThatDecisionOf(baseline().with(consent("c-1").givenAt(SEND_AT.plusSeconds(1))))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.FAILED)
                .hasReason(ConsentValidityRule.ID, Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("NL-TW-11.7-1: an invalid consent given after sendAt is ignored too: NO_CONSENT, not CONSENT_INVALID")
    void invalidConsentAfterSendIsIgnored() {
        assertThatDecisionOf(baseline().with(consent("c-1").method(ConsentMethod.PRETICKED_CHECKBOX).givenAt(SEND_AT.plusSeconds(60))))
                .isDeniedFor(Denial.NO_CONSENT);
    }

    @Test
    @DisplayName("NL-TW-11.7-1: a consent given at the very moment of sending applies")
    void consentAtSendApplies() {
        assertThatDecisionOf(baseline().with(consent("c-1").givenAt(SEND_AT)))
                .isAllowedOn(Basis.CONSENT)
                .hasReason(ID, Outcome.PASSED, "c-1");
    }

    @Test
    @DisplayName("NL-TW-11.7-1: several usable consents are all listed in evidenceUsed, oldest first")
    void severalConsents() {
        assertThatDecisionOf(baseline()
                .with(consent("c-2").givenAt(at("2025-05-05T10:00:00Z")))
                .with(consent("c-1").givenAt(at("2024-03-01T10:00:00Z")).topics("photo-prints")))
                .isAllowedOn(Basis.CONSENT)
                .hasEvidenceUsed("c-1", "c-2")
                .hasReason(ID, Outcome.PASSED, "c-1", "c-2");
    }

    @Test
    @DisplayName("NL-TW-11.7-1: consent is the first basis: it wins over a soft opt-in that also holds")
    void consentBeforeSoftOptIn() {
        assertThatDecisionOf(baseline().with(purchase("o-77")).with(consent("c-1")))
                .isAllowedOn(Basis.CONSENT)
                .hasEvidenceUsed("c-1")
                .hasBasisValidUntil(null)
                .hasReason(ID, Outcome.PASSED)
                .hasReason(SoftOptInRule.ID, Outcome.PASSED);
    }

    @Test
    @DisplayName("NL-TW-11.7-1: consent wins over a personal proposal, an offer address and a business outside the EEA")
    void consentBeforeTheBusinessBases() {
        assertThatDecisionOf(baseline().business("aanbieding@acme.example").recipientCountry("US")
                .purpose(Purpose.PERSONAL_PROPOSAL).recipientCount(1).with(consent("c-1")))
                .isAllowedOn(Basis.CONSENT)
                .hasReason(PersonalProposalRule.ID, Outcome.PASSED)
                .hasReason(OfferAddressRule.ID, Outcome.PASSED)
                .hasReason(OutsideEeaBusinessRule.ID, Outcome.PASSED);
    }

    @Test
    @DisplayName("NL-TW-11.7-1: a consent applies to a business recipient too")
    void consentForBusiness() {
        assertThatDecisionOf(baseline().kind(RecipientKind.LEGAL_ENTITY).address("pieter@installatiebedrijf.nl").with(consent("c-1")))
                .isAllowedOn(Basis.CONSENT);
    }
}
