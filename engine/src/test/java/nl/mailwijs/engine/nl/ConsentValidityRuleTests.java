package nl.mailwijs.engine.nl;

import static nl.mailwijs.engine.fixtures.DecisionAssert.assertThatDecisionOf;
import static nl.mailwijs.engine.fixtures.Requests.SEND_AT;
import static nl.mailwijs.engine.fixtures.Requests.at;
import static nl.mailwijs.engine.fixtures.Requests.baseline;
import static nl.mailwijs.engine.fixtures.Requests.consent;
import static nl.mailwijs.engine.fixtures.Requests.purchase;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.ObtainedBy;

/** NL-AVG-7: consent is an active, specific, informed act given to this sender, with its wording kept. */
class ConsentValidityRuleTests {

    private static final String ID = ConsentValidityRule.ID;

    @ParameterizedTest(name = "NL-AVG-7: a consent collected by {0} is valid")
    @EnumSource(value = ConsentMethod.class, names = {"UNTICKED_CHECKBOX", "WRITTEN", "VERBAL", "IMPORTED"})
    void activeMethodsAreValid(ConsentMethod method) {
        assertThatDecisionOf(baseline().with(consent("c-1").method(method)))
                .isAllowedOn(Basis.CONSENT)
                .hasEvidenceUsed("c-1")
                .hasReason(ID, Outcome.PASSED, "c-1");
    }

    @Test
    @DisplayName("NL-AVG-7: a pre-ticked box is not consent: CONSENT_INVALID (p02)")
    void pretickedIsInvalid() {
        assertThatDecisionOf(baseline().with(consent("c-1").method(ConsentMethod.PRETICKED_CHECKBOX)))
                .isDeniedFor(Denial.CONSENT_INVALID)
                .hasReason(ConsentRule.ID, Outcome.FAILED)
                .hasReasonSaying(ID, Outcome.FAILED, "vooraf aangevinkt", "pre-ticked")
                .hasReason(ID, Outcome.FAILED, "c-1");
    }

    @Test
    @DisplayName("NL-AVG-7: a clause in the terms and conditions is not consent: CONSENT_INVALID (p03)")
    void termsAndConditionsIsInvalid() {
        assertThatDecisionOf(baseline().with(consent("c-1").method(ConsentMethod.TERMS_AND_CONDITIONS)))
                .isDeniedFor(Denial.CONSENT_INVALID)
                .hasReasonSaying(ID, Outcome.FAILED, "algemene voorwaarden", "terms and conditions")
                .hasReason(ID, Outcome.FAILED, "c-1");
    }

    @Test
    @DisplayName("NL-AVG-7: consent collected by a third party (bought list) is invalid: CONSENT_INVALID (p04)")
    void thirdPartyIsInvalid() {
        assertThatDecisionOf(baseline().with(consent("c-1").obtainedBy(ObtainedBy.THIRD_PARTY)))
                .isDeniedFor(Denial.CONSENT_INVALID)
                .hasReasonSaying(ID, Outcome.FAILED, "derde", "third party")
                .hasReason(ID, Outcome.FAILED, "c-1");
    }

    @Test
    @DisplayName("NL-AVG-7: an unconfirmed double opt-in is invalid: CONSENT_INVALID")
    void unconfirmedDoubleOptInIsInvalid() {
        assertThatDecisionOf(baseline().with(consent("c-1").method(ConsentMethod.DOUBLE_OPT_IN).confirmedAt(null)))
                .isDeniedFor(Denial.CONSENT_INVALID)
                .hasReasonSaying(ID, Outcome.FAILED, "nooit bevestigd", "never confirmed")
                .hasReason(ID, Outcome.FAILED, "c-1");
    }

    @Test
    @DisplayName("NL-AVG-7: a confirmed double opt-in is valid")
    void confirmedDoubleOptInIsValid() {
        assertThatDecisionOf(baseline().with(consent("c-1").method(ConsentMethod.DOUBLE_OPT_IN)
                .confirmedAt(at("2024-03-01T10:05:00Z"))))
                .isAllowedOn(Basis.CONSENT)
                .hasEvidenceUsed("c-1")
                .hasReason(ID, Outcome.PASSED, "c-1");
    }

    @Test
    @DisplayName("NL-AVG-7: a double opt-in confirmed exactly at sendAt is valid")
    void doubleOptInConfirmedAtSend() {
        assertThatDecisionOf(baseline().with(consent("c-1").method(ConsentMethod.DOUBLE_OPT_IN).confirmedAt(SEND_AT)))
                .isAllowedOn(Basis.CONSENT);
    }

    @Test
    @DisplayName("NL-AVG-7: a double opt-in confirmed after sendAt is unconfirmed at the send: CONSENT_INVALID")
    void doubleOptInConfirmedAfterSend() {
        assertThatDecisionOf(baseline().with(consent("c-1").method(ConsentMethod.DOUBLE_OPT_IN).confirmedAt(SEND_AT.plusSeconds(1))))
                .isDeniedFor(Denial.CONSENT_INVALID)
                .hasReason(ID, Outcome.FAILED, "c-1");
    }

    @ParameterizedTest(name = "NL-AVG-7: wording \"{0}\" is not kept: CONSENT_INVALID")
    @NullSource
    @ValueSource(strings = {"", "   ", "\t"})
    void missingWordingIsInvalid(String wording) {
        assertThatDecisionOf(baseline().with(consent("c-1").wording(wording)))
                .isDeniedFor(Denial.CONSENT_INVALID)
                .hasReasonSaying(ID, Outcome.FAILED, "niet bewaard", "not been kept")
                .hasReason(ID, Outcome.FAILED, "c-1");
    }

    @ParameterizedTest(name = "NL-AVG-7: wording extending consent to unnamed parties is invalid: \"{0}\"")
    @ValueSource(strings = {
            "Ja, stuur mij aanbiedingen van Fotostudio Jansen en haar partners.",
            "Ja, ik wil e-mail van Fotostudio Jansen en zorgvuldig geselecteerde partners.",
            "U geeft toestemming voor de ontvangst van e-mails van dit bedrijf en geselecteerde partners.",
            "Ja, mijn gegevens mogen met derden worden gedeeld voor aanbiedingen.",
            "Yes, send me offers from Fotostudio Jansen and third parties.",
            "Yes, send me offers from Fotostudio Jansen and a third party.",
            "Ja, ook aanbiedingen van geselecteerde bedrijven.",
            "Ja, ook aanbiedingen van GESELECTEERDE BEDRIJVEN.",
            "Yes, and from our Partners too.",
            "Ja, mijn adres mag met een derde worden gedeeld.",
            "Yes, offers from 3rd parties as well.",
            "Ja, ook aanbiedingen van onze sponsors.",
            "Ja, ook van onze zusterbedrijven.",
            "Ja, ook van groepsmaatschappijen en adverteerders."})
    void unnamedPartiesInWordingIsInvalid(String wording) {
        assertThatDecisionOf(baseline().with(consent("c-1").wording(wording)))
                .isDeniedFor(Denial.CONSENT_INVALID)
                .hasReasonSaying(ID, Outcome.FAILED, "niet-genoemde partners of derden", "unnamed partners or third parties")
                .hasReason(ID, Outcome.FAILED, "c-1");
    }

    @ParameterizedTest(name = "NL-AVG-7: wording only about the sender is valid: \"{0}\"")
    @ValueSource(strings = {
            "Ja, stuur mij de nieuwsbrief van Fotostudio Jansen over fotoafdrukken.",
            "Yes, e-mail me Fotostudio Jansen's newsletter.",
            "Ja, houd mij op de hoogte van nieuwe fotoalbums.",
            "Ja, stuur mij elke derde dinsdag de nieuwsbrief van Fotostudio Jansen."})
    void senderOnlyWordingIsValid(String wording) {
        assertThatDecisionOf(baseline().with(consent("c-1").wording(wording)))
                .isAllowedOn(Basis.CONSENT)
                .hasReason(ID, Outcome.PASSED, "c-1");
    }

    @Test
    @DisplayName("NL-AVG-7: without an applicable consent the rule is NOT_APPLICABLE")
    void noConsentNotApplicable() {
        assertThatDecisionOf(baseline())
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.NOT_APPLICABLE, "photo-prints");
    }

    @Test
    @DisplayName("NL-AVG-7: an invalid consent for another channel is not applicable, so NO_CONSENT rather than CONSENT_INVALID")
    void invalidConsentForAnotherChannel() {
        assertThatDecisionOf(baseline().with(consent("c-1").method(ConsentMethod.PRETICKED_CHECKBOX)
                .channels(Channel.SMS)))
                .isDeniedFor(Denial.NO_CONSENT)
                .hasReason(ID, Outcome.NOT_APPLICABLE);
    }

    @Test
    @DisplayName("NL-AVG-7: a valid consent beside an invalid one allows on the valid one only")
    void validBesideInvalid() {
        assertThatDecisionOf(baseline()
                .with(consent("c-1").method(ConsentMethod.PRETICKED_CHECKBOX))
                .with(consent("c-2").givenAt(at("2025-01-01T00:00:00Z"))))
                .isAllowedOn(Basis.CONSENT)
                .hasEvidenceUsed("c-2")
                .hasReason(ID, Outcome.PASSED, "c-2");
    }

    @Test
    @DisplayName("NL-AVG-7: an invalid consent does not stop a soft opt-in that holds")
    void invalidConsentButSoftOptIn() {
        assertThatDecisionOf(baseline().with(consent("c-1").obtainedBy(ObtainedBy.THIRD_PARTY)).with(purchase("o-77")))
                .isAllowedOn(Basis.SOFT_OPT_IN)
                .hasEvidenceUsed("o-77")
                .hasReason(ID, Outcome.FAILED, "c-1");
    }

    @Test
    @DisplayName("NL-AVG-7: CONSENT_INVALID comes before a soft opt-in failure")
    void invalidBeforeSoftOptInFailure() {
        assertThatDecisionOf(baseline().with(consent("c-1").method(ConsentMethod.TERMS_AND_CONDITIONS))
                .with(purchase("o-77").objectionOffered(false)))
                .isDeniedFor(Denial.CONSENT_INVALID)
                .hasReason(ID, Outcome.FAILED)
                .hasReason(SoftOptInRule.ID, Outcome.FAILED);
    }
}
