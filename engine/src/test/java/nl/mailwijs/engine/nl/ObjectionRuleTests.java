package nl.mailwijs.engine.nl;

import static nl.mailwijs.engine.fixtures.DecisionAssert.assertThatDecisionOf;
import static nl.mailwijs.engine.fixtures.DecisionAssert.decide;
import static nl.mailwijs.engine.fixtures.Requests.PHOTO_ALBUMS;
import static nl.mailwijs.engine.fixtures.Requests.PHOTO_PRINTS;
import static nl.mailwijs.engine.fixtures.Requests.SEND_AT;
import static nl.mailwijs.engine.fixtures.Requests.baseline;
import static nl.mailwijs.engine.fixtures.Requests.consent;
import static nl.mailwijs.engine.fixtures.Requests.objection;
import static nl.mailwijs.engine.fixtures.Requests.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.fixtures.Requests;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.RecipientKind;

/** NL-AVG-21: the objection (recht van verzet) is absolute for every regulated message. */
class ObjectionRuleTests {

    private static final String ID = ObjectionRule.ID;

    @Test
    @DisplayName("NL-AVG-21: no objection recorded passes")
    void noObjectionPasses() {
        assertThatDecisionOf(baseline().with(consent("c-1")))
                .isAllowedOn(Basis.CONSENT)
                .hasReason(ID, Outcome.PASSED);
    }

    @Test
    @DisplayName("NL-AVG-21: an objection on e-mail stops a commercial e-mail, naming its date and route")
    void objectionOnTheChannelStops() {
        assertThatDecisionOf(baseline().with(objection("b-1")))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason(ID, Outcome.FAILED, "2026-03-01")
                .hasReasonSaying(ID, Outcome.FAILED, "afmeldlink", "unsubscribe link");
    }

    @Test
    @DisplayName("NL-AVG-21: an objection stops even when a valid consent exists")
    void objectionBeatsValidConsent() {
        assertThatDecisionOf(baseline().with(consent("c-1").topics("photo-prints")).with(objection("b-1")))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason(ID, Outcome.FAILED)
                .hasReason(ConsentRule.ID, Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("NL-AVG-21: an objection stops even an existing customer under soft opt-in")
    void objectionBeatsSoftOptIn() {
        assertThatDecisionOf(baseline().with(purchase("o-77")).with(objection("b-1")))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason(ID, Outcome.FAILED)
                .hasReason(SoftOptInRule.ID, Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("NL-AVG-21: an objection stops a business address published for offers")
    void objectionBeatsOfferAddress() {
        assertThatDecisionOf(baseline().business("aanbieding@bakkerij-devries.nl").with(objection("b-1")))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason(ID, Outcome.FAILED);
    }

    @Test
    @DisplayName("NL-AVG-21: an objection stops a business outside the EEA")
    void objectionBeatsOutsideEea() {
        assertThatDecisionOf(baseline().business("sales@acme.example").recipientCountry("US").with(objection("b-1")))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason(ID, Outcome.FAILED);
    }

    @Test
    @DisplayName("NL-AVG-21: an objection stops a personal proposal to one business")
    void objectionBeatsPersonalProposal() {
        assertThatDecisionOf(baseline().business("pieter@installatiebedrijf.nl").purpose(Purpose.PERSONAL_PROPOSAL)
                .recipientCount(1).with(objection("b-1")))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason(ID, Outcome.FAILED);
    }

    @ParameterizedTest(name = "NL-AVG-21: an objection on ALL channels stops {0} too")
    @EnumSource(Channel.class)
    void objectionOnAllChannelsStopsEveryChannel(Channel channel) {
        assertThatDecisionOf(baseline().channel(channel)
                .with(consent("c-1").channels(Channel.values()))
                .with(objection("b-1").allChannels()))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason(ID, Outcome.FAILED);
    }

    @Test
    @DisplayName("NL-AVG-21: an objection on ALL channels stops SMS too")
    void objectionOnAllChannelsStopsSms() {
        assertThatDecisionOf(baseline().channel(Channel.SMS)
                .with(consent("c-1").channels(Channel.SMS))
                .with(objection("b-1").allChannels()))
                .isDeniedFor(Denial.OBJECTED)
                .hasReasonSaying(ID, Outcome.FAILED, "sms", "SMS");
    }

    @Test
    @DisplayName("NL-AVG-21: an objection on SMS does not stop an e-mail")
    void objectionOnAnotherChannelDoesNotStop() {
        assertThatDecisionOf(baseline().with(consent("c-1")).with(objection("b-1").channels(Channel.SMS)))
                .isAllowedOn(Basis.CONSENT)
                .hasReasonSaying(ID, Outcome.PASSED, "e-mail", "e-mail");
    }

    @Test
    @DisplayName("NL-AVG-21: an objection on e-mail does not stop a WhatsApp message")
    void objectionOnEmailDoesNotStopWhatsApp() {
        assertThatDecisionOf(baseline().channel(Channel.WHATSAPP)
                .with(consent("c-1").channels(Channel.WHATSAPP))
                .with(objection("b-1").channels(Channel.EMAIL)))
                .isAllowedOn(Basis.CONSENT)
                .hasReason(ID, Outcome.PASSED);
    }

    @Test
    @DisplayName("NL-AVG-21: an objection naming SMS and e-mail stops both")
    void objectionOnSeveralChannels() {
        assertThatDecisionOf(baseline().channel(Channel.SMS)
                .with(consent("c-1").channels(Channel.SMS))
                .with(objection("b-1").channels(Channel.EMAIL, Channel.SMS)))
                .isDeniedFor(Denial.OBJECTED);
    }

    @Test
    @DisplayName("NL-AVG-21: an objection limited to the message's topic stops it")
    void topicLimitedObjectionStopsThatTopic() {
        assertThatDecisionOf(baseline().with(consent("c-1")).with(objection("b-1").topics("photo-prints")))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason(ID, Outcome.FAILED, "photo-prints");
    }

    @Test
    @DisplayName("NL-AVG-21: an objection limited to another topic does not stop the message")
    void topicLimitedObjectionLeavesOtherTopics() {
        assertThatDecisionOf(baseline().with(consent("c-1")).with(objection("b-1").topics("photo-albums")))
                .isAllowedOn(Basis.CONSENT)
                .hasReason(ID, Outcome.PASSED, "photo-prints");
    }

    @Test
    @DisplayName("NL-AVG-21: a message about an objected topic and another topic is stopped")
    void topicLimitedObjectionStopsAMessageThatTouchesTheTopic() {
        assertThatDecisionOf(baseline().topics("photo-prints", "photo-albums")
                .with(consent("c-1")).with(objection("b-1").topics("photo-albums")))
                .isDeniedFor(Denial.OBJECTED);
    }

    @Test
    @DisplayName("NL-AVG-21: an objection recorded after sendAt is ignored")
    void objectionAfterSendIsIgnored() {
        assertThatDecisionOf(baseline().with(consent("c-1")).with(objection("b-1").at(SEND_AT.plusSeconds(1))))
                .isAllowedOn(Basis.CONSENT)
                .hasReason(ID, Outcome.PASSED);
    }

    @Test
    @DisplayName("NL-AVG-21: an objection recorded at the very moment of sending already counts")
    void objectionAtSendCounts() {
        assertThatDecisionOf(baseline().with(consent("c-1")).with(objection("b-1").at(SEND_AT)))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason(ID, Outcome.FAILED, "2026-11-23");
    }

    @Test
    @DisplayName("NL-AVG-21: the earliest applicable objection is the one reported")
    void earliestObjectionIsReported() {
        assertThatDecisionOf(baseline()
                .with(objection("b-2").at(Requests.at("2026-05-01T08:00:00Z")).via(ObjectionRoute.PHONE))
                .with(objection("b-1").at(Requests.at("2025-02-01T08:00:00Z")).via(ObjectionRoute.LETTER)))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason(ID, Outcome.FAILED, "2025-02-01")
                .hasReasonSaying(ID, Outcome.FAILED, "brief", "letter");
    }

    @Test
    @DisplayName("NL-AVG-21: of two objections at the same moment the same one is reported, whatever their order")
    void simultaneousObjectionsAreReportedRegardlessOfOrder() {
        Requests phoneFirst = baseline()
                .with(objection("b-1").via(ObjectionRoute.PHONE))
                .with(objection("b-2").via(ObjectionRoute.LETTER));
        Requests letterFirst = baseline()
                .with(objection("b-2").via(ObjectionRoute.LETTER))
                .with(objection("b-1").via(ObjectionRoute.PHONE));
        for (Language language : Language.values()) {
            assertThat(decide(letterFirst).reasons().get(2).text(language))
                    .isEqualTo(decide(phoneFirst).reasons().get(2).text(language));
        }
    }

    @ParameterizedTest(name = "NL-AVG-21: an objection via {0} counts")
    @EnumSource(ObjectionRoute.class)
    void everyRouteCounts(ObjectionRoute route) {
        assertThatDecisionOf(baseline().with(consent("c-1")).with(objection("b-1").via(route)))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason(ID, Outcome.FAILED);
    }

    @ParameterizedTest(name = "NL-AVG-21: an objection stops a {0} message")
    @EnumSource(value = Purpose.class, names = {"COMMERCIAL", "IDEOLOGICAL", "CHARITABLE", "PERSONAL_PROPOSAL"})
    void objectionStopsEveryRegulatedPurpose(Purpose purpose) {
        assertThatDecisionOf(baseline().purpose(purpose).with(consent("c-1")).with(objection("b-1")))
                .isDeniedFor(Denial.OBJECTED);
    }

    @Test
    @DisplayName("NL-AVG-21: a service message with promotion is stopped by an objection")
    void objectionStopsServiceWithPromotion() {
        assertThatDecisionOf(baseline().purpose(Purpose.SERVICE).promotion(true).with(consent("c-1")).with(objection("b-1")))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason(ID, Outcome.FAILED);
    }

    @Test
    @DisplayName("NL-AVG-21: a service message without promotion continues after an objection (NOT_REGULATED, no obligations)")
    void serviceWithoutPromotionContinues() {
        assertThatDecisionOf(baseline().serviceMessage().with(objection("b-1").allChannels()))
                .isAllowedOn(Basis.NOT_REGULATED)
                .hasNoObligations()
                .hasNoEvidenceUsed()
                .hasReason(ID, Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("NL-AVG-21: an objection stops a business recipient as much as a consumer")
    void objectionStopsBusinessRecipients() {
        assertThatDecisionOf(baseline().kind(RecipientKind.LEGAL_ENTITY).with(consent("c-1")).with(objection("b-1")))
                .isDeniedFor(Denial.OBJECTED);
    }

    @Test
    @DisplayName("NL-AVG-21: an objection wins over a missing sender identity (it is checked first)")
    void objectionComesBeforeSenderIdentity() {
        assertThatDecisionOf(baseline().legalName(" ").with(objection("b-1")))
                .isDeniedFor(Denial.OBJECTED)
                .hasReason(ID, Outcome.FAILED)
                .hasReason(SenderIdentityRule.ID, Outcome.FAILED);
    }

    @Test
    @DisplayName("NL-AVG-21: a topic written in another Unicode form (e + combining accent) is the same topic: the objection stops it")
    void unicodeFormsOfATopicAreTheSameTopic() {
        assertThatDecisionOf(baseline().topics("cafe\u0301-deals")
                .with(consent("c-1"))
                .with(objection("b-1").topics("caf\u00e9-deals")))
                .isDeniedFor(Denial.OBJECTED);
    }

    @Test
    @DisplayName("NL-AVG-21: the reason names the purpose and the topics objected to; all topics when the objection names none")
    void theReasonNamesWhatWasObjectedTo() {
        assertThatDecisionOf(baseline().topics(PHOTO_PRINTS, PHOTO_ALBUMS).with(objection("b-1").topics(PHOTO_ALBUMS)))
                .isDeniedFor(Denial.OBJECTED)
                .hasReasonSaying(ID, Outcome.FAILED, "met commercieel doel meer via e-mail over photo-albums.",
                        "with a commercial purpose by e-mail about photo-albums.");
        assertThatDecisionOf(baseline().with(objection("b-1")))
                .hasReasonSaying(ID, Outcome.FAILED, "over alle onderwerpen", "about any topic");
    }
}
