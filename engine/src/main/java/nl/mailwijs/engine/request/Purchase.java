package nl.mailwijs.engine.request;

import java.time.Instant;
import java.util.List;

/**
 * A sale to the recipient, the ground of a soft opt-in.
 *
 * @param proof null is read as {@link Proof#NONE}
 */
public record Purchase(
        String id,
        Instant date,
        List<String> categories,
        Proof proof,
        boolean addressCollectedInSale,
        boolean objectionOffered) {

    public Purchase {
        categories = List.copyOf(categories);
        if (proof == null) {
            proof = Proof.NONE;
        }
    }
}
