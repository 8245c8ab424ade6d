package nl.mailwijs.engine.nl;

import nl.mailwijs.engine.evaluation.CatalogueRule;
import nl.mailwijs.engine.evaluation.Facts;
import nl.mailwijs.engine.evaluation.Finding;
import nl.mailwijs.engine.evaluation.Stage;
import nl.mailwijs.engine.request.Purpose;

/** NL-SCOPE-MIXED: a service message with promotional content is treated as commercial (cautious default). */
final class MixedPurposeRule extends CatalogueRule {

    static final String ID = "NL-SCOPE-MIXED";

    MixedPurposeRule() {
        super(ID, Stage.SCOPE);
    }

    @Override
    public Finding evaluate(Facts facts) {
        if (facts.message().purpose() != Purpose.SERVICE) {
            return Finding.notApplicable(NlText.MIXED_NOT_SERVICE);
        }
        return facts.message().containsPromotion()
                ? Finding.failed(NlText.MIXED_PROMOTION)
                : Finding.passed(NlText.MIXED_PLAIN_SERVICE);
    }
}
