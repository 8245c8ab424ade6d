package nl.mailwijs.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The erasure of a contact's personal data (AVG 17), as a record of the ledger: when, and which
 * records it blanked. Being in the chain, it proves the erasure was done, and it is what lets
 * {@link Ledger#verify()} tell an erased record from content blanked behind Mailwijs's back.
 *
 * @param erasedRecords the ids of the records whose content was replaced by an erasure marker
 * @param suppressions  how many keyed-hash suppression entries the erasure kept for the
 *                      contact's addresses (the person's objections, without the address)
 */
public record ErasureEvidence(Instant at, List<Long> erasedRecords, int suppressions) implements EvidenceContent {

    public ErasureEvidence {
        Objects.requireNonNull(at, "at");
        erasedRecords = List.copyOf(erasedRecords);
    }

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.ERASURE;
    }

    @Override
    public String id() {
        return null;
    }
}
