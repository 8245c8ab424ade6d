package nl.mailwijs.engine.nl;

import java.util.List;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.evaluation.CatalogueRule;
import nl.mailwijs.engine.evaluation.Facts;
import nl.mailwijs.engine.evaluation.Finding;
import nl.mailwijs.engine.evaluation.Stage;

/**
 * NL-TW-11.7-1: the sender can prove prior consent of this recipient for this channel and
 * these topics: an applicable consent that is valid (NL-AVG-7) and not withdrawn (NL-AVG-7-3).
 */
final class ConsentRule extends CatalogueRule {

    static final String ID = "NL-TW-11.7-1";

    ConsentRule() {
        super(ID, Stage.BASIS);
    }

    @Override
    public Finding evaluate(Facts facts) {
        List<ConsentAnalysis.Assessed> usable = facts.analysis(ConsentAnalysis.OF).usable();
        if (usable.isEmpty()) {
            return Finding.failed(NlText.CONSENT_NONE, NlTerms.channel(facts.channel()), NlTerms.topics(facts.topics()));
        }
        List<String> ids = ConsentAnalysis.ids(usable);
        return Finding.grants(Basis.CONSENT, ids, null, ids.size() == 1 ? NlText.CONSENT_HOLDS : NlText.CONSENTS_HOLD,
                ids, NlTerms.channel(facts.channel()), NlTerms.topics(facts.topics()));
    }
}
