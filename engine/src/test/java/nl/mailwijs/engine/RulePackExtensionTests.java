package nl.mailwijs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Obligation;
import nl.mailwijs.engine.decision.ReasonTemplate;
import nl.mailwijs.engine.evaluation.Facts;
import nl.mailwijs.engine.evaluation.Rule;
import nl.mailwijs.engine.evaluation.RulePack;
import nl.mailwijs.engine.evaluation.Stage;
import nl.mailwijs.engine.fixtures.Requests;
import nl.mailwijs.engine.nl.NlRulePack;

/**
 * A jurisdiction is a pack behind {@link RulePack}: another country's pack is added beside NL
 * without changing it. Here a pack shaped like Germany's (no business-address exemption) is
 * composed from the NL rules minus NL-TW-11.7-2a.
 */
class RulePackExtensionTests {

    private static final RulePack NL = new NlRulePack();

    /** Germany knows no exemption for addresses businesses publish for offers. */
    private static final RulePack WITHOUT_OFFER_ADDRESSES = new RulePack() {
        @Override
        public String jurisdiction() {
            return "DE";
        }

        @Override
        public List<Rule> rules() {
            return NL.rules().stream().filter(rule -> !rule.id().equals("NL-TW-11.7-2a")).toList();
        }

        @Override
        public List<Denial> denialPrecedence() {
            return NL.denialPrecedence();
        }

        @Override
        public Denial defaultDenial() {
            return NL.defaultDenial();
        }

        @Override
        public Set<Obligation> obligations(Basis basis, Facts facts) {
            return NL.obligations(basis, facts);
        }

        @Override
        public ReasonTemplate notReached(Stage decidedAt) {
            return NL.notReached(decidedAt);
        }
    };

    private final DecisionEngine engine = new DecisionEngine(Map.of("DE", WITHOUT_OFFER_ADDRESSES), NL);

    @Test
    void theSenderCountryChoosesThePackAndTheNlPackIsTheDefault() {
        Decision dutchSender = engine.decide(Requests.baseline().business("aanbieding@bakkerij.example").build());
        Decision germanSender = engine.decide(Requests.baseline().business("aanbieding@bakkerij.example").senderCountry("DE").build());

        assertThat(dutchSender.basis()).isEqualTo(Basis.OFFER_ADDRESS);
        assertThat(dutchSender.rulePack()).isEqualTo("NL");
        assertThat(germanSender.denial()).isEqualTo(Denial.NO_CONSENT);
        assertThat(germanSender.rulePack()).isEqualTo("DE");
        assertThat(germanSender.reasons()).extracting(reason -> reason.rule()).doesNotContain("NL-TW-11.7-2a");
    }

    @Test
    void aSenderCountryWithoutItsOwnPackGetsTheNlRules() {
        Decision belgianSender = engine.decide(Requests.baseline().business("aanbieding@bakkerij.example").senderCountry("BE").build());

        assertThat(belgianSender.rulePack()).isEqualTo("NL");
        assertThat(belgianSender.basis()).isEqualTo(Basis.OFFER_ADDRESS);
    }
}
