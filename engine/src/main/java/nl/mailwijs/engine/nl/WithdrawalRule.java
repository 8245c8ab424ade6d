package nl.mailwijs.engine.nl;

import java.util.List;

import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.evaluation.CatalogueRule;
import nl.mailwijs.engine.evaluation.Facts;
import nl.mailwijs.engine.evaluation.Finding;
import nl.mailwijs.engine.evaluation.Stage;

/** NL-AVG-7-3: a withdrawal ends that consent from {@code withdrawnAt}. */
final class WithdrawalRule extends CatalogueRule {

    static final String ID = "NL-AVG-7-3";

    WithdrawalRule() {
        super(ID, Stage.BASIS);
    }

    @Override
    public Finding evaluate(Facts facts) {
        ConsentAnalysis consents = facts.analysis(ConsentAnalysis.OF);
        if (consents.applicable().isEmpty()) {
            return Finding.notApplicable(NlText.WITHDRAWAL_NO_CONSENT, NlTerms.channel(facts.channel()), NlTerms.topics(facts.topics()));
        }
        List<ConsentAnalysis.Assessed> withdrawn = consents.withdrawn();
        if (withdrawn.isEmpty()) {
            return notWithdrawn(ConsentAnalysis.ids(consents.applicable()));
        }
        List<ConsentAnalysis.Assessed> standing = consents.applicable().stream().filter(assessed -> !assessed.withdrawn()).toList();
        if (!consents.usable().isEmpty()) {
            // Another consent still carries the message: the withdrawal does not stand in the way.
            return notWithdrawn(ConsentAnalysis.ids(standing));
        }
        ConsentAnalysis.Assessed latest = withdrawn.getLast();
        return Finding.denies(Denial.CONSENT_WITHDRAWN, NlText.WITHDRAWAL_DONE, latest.id(), latest.consent().withdrawnAt());
    }

    private static Finding notWithdrawn(List<String> ids) {
        return Finding.passed(ids.size() == 1 ? NlText.WITHDRAWAL_NONE : NlText.WITHDRAWAL_NONE_PLURAL, ids);
    }
}
