package nl.mailwijs.evidence;

/**
 * The content of a ledger record, one record type per kind. Each validates itself on
 * construction and names the field (as the JSON of {@code decision-format.md} calls it) in what
 * it refuses.
 */
public sealed interface EvidenceContent
        permits PurchaseEvidence, InteractionEvidence, ConsentEvidence, ObjectionEvidence, WithdrawalEvidence, ErasureEvidence,
        ErasedEvidence {

    EvidenceKind kind();

    /** The source's own id (order number, consent id), or null; not the ledger's record id. */
    String id();
}
