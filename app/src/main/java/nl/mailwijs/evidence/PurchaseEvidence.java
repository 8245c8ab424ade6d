package nl.mailwijs.evidence;

import java.time.Instant;
import java.util.List;

import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.evidence.internal.Fields;

/**
 * A sale, the ground of a soft opt-in.
 *
 * @param id                     the order or invoice number in the source
 * @param proof                  what proves the sale; absent is {@link Proof#NONE}
 * @param proofReference         where that proof is (invoice number, payment reference)
 * @param addressCollectedInSale the address was obtained from the customer in this sale
 * @param objectionOffered       the customer was given a free, easy chance to object when it was collected
 */
public record PurchaseEvidence(
        String id,
        Instant date,
        List<String> categories,
        Proof proof,
        String proofReference,
        boolean addressCollectedInSale,
        boolean objectionOffered) implements EvidenceContent {

    public PurchaseEvidence {
        id = Fields.text("id", id, Fields.MAX_ID);
        Fields.required("date", date);
        categories = Fields.topics("categories", categories);
        proof = proof == null ? Proof.NONE : proof;
        proofReference = Fields.text("proofReference", proofReference, 500);
    }

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.PURCHASE;
    }
}
