package nl.mailwijs.engine.nl;

import java.util.List;

import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.evaluation.CatalogueRule;
import nl.mailwijs.engine.evaluation.Facts;
import nl.mailwijs.engine.evaluation.Finding;
import nl.mailwijs.engine.evaluation.Stage;

/**
 * NL-AVG-7: consent is an active, specific, informed act given to this sender; a pre-ticked
 * box, general terms, a third party's list, an unconfirmed double opt-in or wording that
 * reaches unnamed partners is not.
 */
final class ConsentValidityRule extends CatalogueRule {

    static final String ID = "NL-AVG-7";

    ConsentValidityRule() {
        super(ID, Stage.BASIS);
    }

    @Override
    public Finding evaluate(Facts facts) {
        ConsentAnalysis consents = facts.analysis(ConsentAnalysis.OF);
        if (consents.applicable().isEmpty()) {
            return Finding.notApplicable(NlText.VALIDITY_NO_CONSENT, NlTerms.channel(facts.channel()), NlTerms.topics(facts.topics()));
        }
        List<ConsentAnalysis.Assessed> valid = consents.valid();
        if (!valid.isEmpty()) {
            ConsentAnalysis.Assessed first = valid.getLast();
            return Finding.passed(NlText.VALIDITY_VALID, first.id(), NlTerms.methodName(first.consent().method()));
        }
        ConsentAnalysis.Assessed first = consents.invalid().getLast();
        return Finding.denies(Denial.CONSENT_INVALID, NlText.VALIDITY_INVALID, first.id(), NlTerms.consentDefect(first.defect()));
    }
}
