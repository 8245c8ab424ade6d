package nl.mailwijs.evidence;

import java.time.Instant;

/**
 * One record of the ledger as stored.
 *
 * @param externalId   the content's own id in the source, or null
 * @param supersedes   the record this one corrects, or null
 * @param contentJson  the content as canonical JSON, exactly as hashed
 * @param previousHash the hash of the record before it in the chain
 * @param hash         SHA-256 over previousHash, '\n' and the canonical record (see {@link Ledger})
 */
public record EvidenceRecord(
        long id,
        long contactId,
        EvidenceKind kind,
        String externalId,
        Instant recordedAt,
        Long supersedes,
        EvidenceContent content,
        String contentJson,
        String previousHash,
        String hash) {
}
