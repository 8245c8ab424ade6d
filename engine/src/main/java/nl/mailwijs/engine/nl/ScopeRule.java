package nl.mailwijs.engine.nl;

import java.util.List;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.evaluation.CatalogueRule;
import nl.mailwijs.engine.evaluation.Facts;
import nl.mailwijs.engine.evaluation.Finding;
import nl.mailwijs.engine.evaluation.Stage;
import nl.mailwijs.engine.request.Message;
import nl.mailwijs.engine.request.Purpose;

/** NL-TW-11.7-SCOPE: art. 11.7 Tw covers commercial, ideological and charitable messages, not service messages. */
final class ScopeRule extends CatalogueRule {

    static final String ID = "NL-TW-11.7-SCOPE";

    ScopeRule() {
        super(ID, Stage.SCOPE);
    }

    @Override
    public Finding evaluate(Facts facts) {
        Message message = facts.message();
        if (message.purpose() == Purpose.SERVICE && !message.containsPromotion()) {
            return Finding.grants(Basis.NOT_REGULATED, List.of(), null, NlText.SCOPE_SERVICE);
        }
        return Finding.passed(NlText.SCOPE_REGULATED, NlTerms.purpose(message.purpose()), NlTerms.channel(facts.channel()));
    }
}
