package nl.mailwijs.engine.nl;

import java.util.List;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.evaluation.CatalogueRule;
import nl.mailwijs.engine.evaluation.Facts;
import nl.mailwijs.engine.evaluation.Finding;
import nl.mailwijs.engine.evaluation.Stage;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Recipient;
import nl.mailwijs.engine.request.RecipientKind;

/**
 * NL-TW-11.7-2a: an address a business designated and published for receiving offers.
 * Never for consumers; a generic {@code info@} or a named employee's address does not qualify.
 */
final class OfferAddressRule extends CatalogueRule {

    static final String ID = "NL-TW-11.7-2a";

    OfferAddressRule() {
        super(ID, Stage.BASIS);
    }

    @Override
    public Finding evaluate(Facts facts) {
        Recipient recipient = facts.recipient();
        if (recipient.kind() != RecipientKind.LEGAL_ENTITY) {
            return Finding.notApplicable(NlText.OFFER_CONSUMER);
        }
        return publishedForOffers(recipient, facts.policy().offerAddressLocalParts())
                ? Finding.grants(Basis.OFFER_ADDRESS, List.of(), null, NlText.OFFER_HOLDS, recipient.address())
                : Finding.failed(NlText.OFFER_NOT_PUBLISHED, recipient.address());
    }

    private static boolean publishedForOffers(Recipient recipient, List<String> offerLocalParts) {
        if (recipient.publishedForOffers()) {
            return true;
        }
        if (recipient.channel() != Channel.EMAIL) {
            return false;
        }
        String localPart = recipient.localPart();
        return offerLocalParts.stream().anyMatch(localPart::equalsIgnoreCase);
    }
}
