package nl.mailwijs.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * What an erased record holds instead of its content: nothing of the person, only that it was
 * erased and when. The record keeps its place in the chain through the digest of the content it
 * had (see {@code ChainHash}). It is evidence of nothing any more: the engine never sees it.
 *
 * @param originalKind the kind of the content that was erased
 */
public record ErasedEvidence(EvidenceKind originalKind, Instant erasedAt) implements EvidenceContent {

    public ErasedEvidence {
        Objects.requireNonNull(originalKind, "originalKind");
        Objects.requireNonNull(erasedAt, "erasedAt");
    }

    @Override
    public EvidenceKind kind() {
        return originalKind;
    }

    @Override
    public String id() {
        return null;
    }
}
