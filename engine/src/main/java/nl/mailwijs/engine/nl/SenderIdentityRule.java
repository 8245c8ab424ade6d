package nl.mailwijs.engine.nl;

import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.evaluation.CatalogueRule;
import nl.mailwijs.engine.evaluation.Facts;
import nl.mailwijs.engine.evaluation.Finding;
import nl.mailwijs.engine.evaluation.Stage;

/** NL-TW-11.7-4a: a regulated message states the sender's real identity; without a legal name it is denied. */
final class SenderIdentityRule extends CatalogueRule {

    static final String ID = "NL-TW-11.7-4a";

    SenderIdentityRule() {
        super(ID, Stage.STOP);
    }

    @Override
    public Finding evaluate(Facts facts) {
        return facts.sender().hasUsableLegalName()
                ? Finding.passed(NlText.IDENTITY_PRESENT, facts.sender().legalName().strip())
                : Finding.denies(Denial.SENDER_IDENTITY_MISSING, NlText.IDENTITY_MISSING);
    }
}
