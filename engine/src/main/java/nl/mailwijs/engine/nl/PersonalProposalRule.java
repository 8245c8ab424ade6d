package nl.mailwijs.engine.nl;

import java.util.List;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.evaluation.CatalogueRule;
import nl.mailwijs.engine.evaluation.Facts;
import nl.mailwijs.engine.evaluation.Finding;
import nl.mailwijs.engine.evaluation.Stage;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.RecipientKind;

/**
 * NL-ACM-PERSONAL: a personal one-to-one proposal to a single business is not a mailing.
 * Only for a LEGAL_ENTITY and a recipient count of exactly 1; anything else is commercial.
 */
final class PersonalProposalRule extends CatalogueRule {

    static final String ID = "NL-ACM-PERSONAL";

    PersonalProposalRule() {
        super(ID, Stage.BASIS);
    }

    @Override
    public Finding evaluate(Facts facts) {
        if (facts.message().purpose() != Purpose.PERSONAL_PROPOSAL) {
            return Finding.notApplicable(NlText.PERSONAL_NOT_PROPOSAL);
        }
        Integer count = facts.message().recipientCount();
        boolean toOneBusiness = facts.recipient().kind() == RecipientKind.LEGAL_ENTITY && count != null && count == 1;
        return toOneBusiness
                ? Finding.grants(Basis.PERSONAL_PROPOSAL, List.of(), null, NlText.PERSONAL_HOLDS)
                : Finding.failed(NlText.PERSONAL_NOT_SINGLE_BUSINESS);
    }
}
