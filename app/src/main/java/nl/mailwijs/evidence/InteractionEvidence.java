package nl.mailwijs.evidence;

import java.time.Instant;

import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.evidence.internal.Fields;

/** A contact that is not a sale: a quote, an information request, a visit. Never a basis. */
public record InteractionEvidence(String id, InteractionType type, Instant date) implements EvidenceContent {

    public InteractionEvidence {
        id = Fields.text("id", id, Fields.MAX_ID);
        Fields.required("type", type);
        Fields.required("date", date);
    }

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.INTERACTION;
    }
}
