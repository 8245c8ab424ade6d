package nl.mailwijs.engine.nl;

import java.util.List;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.evaluation.CatalogueRule;
import nl.mailwijs.engine.evaluation.Facts;
import nl.mailwijs.engine.evaluation.Finding;
import nl.mailwijs.engine.evaluation.Stage;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.engine.values.Countries;

/**
 * NL-TW-11.7-2b: a business established outside the EEA, provided the message meets that
 * country's rules. A consumer outside the EEA gets no exemption (cautious).
 */
final class OutsideEeaBusinessRule extends CatalogueRule {

    static final String ID = "NL-TW-11.7-2b";

    OutsideEeaBusinessRule() {
        super(ID, Stage.BASIS);
    }

    @Override
    public Finding evaluate(Facts facts) {
        if (facts.recipient().kind() != RecipientKind.LEGAL_ENTITY) {
            return Finding.notApplicable(NlText.EEA_CONSUMER);
        }
        String country = facts.recipient().country();
        return Countries.inEea(country)
                ? Finding.failed(NlText.EEA_INSIDE, country)
                : Finding.grants(Basis.OUTSIDE_EEA_BUSINESS, List.of(), null, NlText.EEA_OUTSIDE, country);
    }
}
