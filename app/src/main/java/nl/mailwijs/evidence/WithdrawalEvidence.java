package nl.mailwijs.evidence;

import java.time.Instant;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.evidence.internal.Fields;

/**
 * The withdrawal of one consent of the same contact, named by its ledger record id or by the
 * source's consent id. The ledger resolves a {@code consentId} to the record when it appends, so
 * the stored withdrawal always names its record.
 */
public record WithdrawalEvidence(
        String id,
        Long consentRecordId,
        String consentId,
        Instant withdrawnAt,
        ObjectionRoute via) implements EvidenceContent {

    public WithdrawalEvidence {
        id = Fields.text("id", id, Fields.MAX_ID);
        Fields.positive("consentRecordId", consentRecordId);
        consentId = Fields.text("consentId", consentId, Fields.MAX_ID);
        if (consentRecordId == null && consentId == null) {
            throw new InvalidRequestException("consentRecordId", "name the consent withdrawn: consentRecordId (the ledger record) or consentId (its id in the source)");
        }
        Fields.required("withdrawnAt", withdrawnAt);
    }

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.WITHDRAWAL;
    }

    WithdrawalEvidence naming(long recordId) {
        return new WithdrawalEvidence(id, recordId, consentId, withdrawnAt, via);
    }
}
