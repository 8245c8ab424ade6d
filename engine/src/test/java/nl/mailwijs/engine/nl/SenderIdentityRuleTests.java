package nl.mailwijs.engine.nl;

import static nl.mailwijs.engine.fixtures.DecisionAssert.assertThatDecisionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static nl.mailwijs.engine.fixtures.Requests.baseline;
import static nl.mailwijs.engine.fixtures.Requests.consent;
import static nl.mailwijs.engine.fixtures.Requests.purchase;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.decision.Obligation;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.decision.Reason;

/** NL-TW-11.7-4a: a regulated message states the sender's real identity; without a usable legal name it is denied. */
class SenderIdentityRuleTests {

    private static final String ID = SenderIdentityRule.ID;

    @Test
    @DisplayName("NL-TW-11.7-4a: a legal name passes and is named in the reason")
    void legalNamePresent() {
        assertThatDecisionOf(baseline().with(consent("c-1")))
                .isAllowedOn(Basis.CONSENT)
                .hasReason(ID, Outcome.PASSED, "Fotostudio Jansen B.V.");
    }

    @ParameterizedTest(name = "NL-TW-11.7-4a: legalName \"{0}\" is not usable: SENDER_IDENTITY_MISSING")
    @NullSource
    @ValueSource(strings = {"", " ", "   ", "\t", "\n ", "\u00a0", "\u200b", "\ufeff", "\u0000", "-", "."})
    void missingLegalNameDenies(String legalName) {
        assertThatDecisionOf(baseline().legalName(legalName))
                .isDeniedFor(Denial.SENDER_IDENTITY_MISSING)
                .hasReasonSaying(ID, Outcome.FAILED, "identiteit van de afzender", "sender's real identity");
    }

    @Test
    @DisplayName("NL-TW-11.7-4a: a blank legal name denies even with a valid consent")
    void missingLegalNameBeatsConsent() {
        assertThatDecisionOf(baseline().legalName(" ").with(consent("c-1")))
                .isDeniedFor(Denial.SENDER_IDENTITY_MISSING)
                .hasReason(ID, Outcome.FAILED)
                .hasReason(ConsentRule.ID, Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("NL-TW-11.7-4a: a blank legal name denies even under soft opt-in")
    void missingLegalNameBeatsSoftOptIn() {
        assertThatDecisionOf(baseline().legalName("").with(purchase("o-77")))
                .isDeniedFor(Denial.SENDER_IDENTITY_MISSING)
                .hasReason(SoftOptInRule.ID, Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("NL-TW-11.7-4a: a blank legal name denies a business address published for offers")
    void missingLegalNameBeatsOfferAddress() {
        assertThatDecisionOf(baseline().legalName("").business("aanbieding@bakkerij-devries.nl"))
                .isDeniedFor(Denial.SENDER_IDENTITY_MISSING);
    }

    @Test
    @DisplayName("NL-TW-11.7-4a: the legal name is reported without surrounding space")
    void legalNameIsStripped() {
        Reason reason = assertThatDecisionOf(baseline().legalName("  Fotostudio Jansen B.V. ").with(consent("c-1")))
                .isAllowedOn(Basis.CONSENT)
                .hasReason(ID, Outcome.PASSED, "Fotostudio Jansen B.V.")
                .reason(ID);
        for (Language language : Language.values()) {
            assertThat(reason.text(language)).doesNotContain("  ").doesNotContain("B.V. ");
        }
    }

    @Test
    @DisplayName("NL-TW-11.7-4a: a service message without promotion is not regulated, so no identity check")
    void serviceMessageIsNotChecked() {
        assertThatDecisionOf(baseline().legalName(" ").serviceMessage())
                .isAllowedOn(Basis.NOT_REGULATED)
                .hasNoObligations()
                .hasReason(ID, Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("NL-TW-11.7-4a: an allowed regulated message must carry SENDER_IDENTITY")
    void allowedMessageCarriesIdentity() {
        assertThatDecisionOf(baseline().with(consent("c-1")))
                .isAllowedOn(Basis.CONSENT)
                .hasObligationsIncluding(Obligation.SENDER_IDENTITY);
    }
}
