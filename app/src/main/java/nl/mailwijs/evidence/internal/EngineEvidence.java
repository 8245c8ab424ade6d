package nl.mailwijs.evidence.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import nl.mailwijs.engine.request.Consent;
import nl.mailwijs.engine.request.Evidence;
import nl.mailwijs.engine.request.Interaction;
import nl.mailwijs.engine.request.Objection;
import nl.mailwijs.engine.request.Purchase;
import nl.mailwijs.evidence.ConsentEvidence;
import nl.mailwijs.evidence.ErasedEvidence;
import nl.mailwijs.evidence.ErasureEvidence;
import nl.mailwijs.evidence.EvidenceRecord;
import nl.mailwijs.evidence.InteractionEvidence;
import nl.mailwijs.evidence.ObjectionEvidence;
import nl.mailwijs.evidence.PurchaseEvidence;
import nl.mailwijs.evidence.WithdrawalEvidence;

/**
 * Turns one contact's ledger records into the engine's {@link Evidence}: what currently holds.
 * A superseded record is left out (its correction speaks instead); a withdrawal sets
 * {@code withdrawnAt} on the consent it names, following corrections of that consent; the
 * earliest withdrawal wins, since consent once withdrawn stays withdrawn.
 */
public final class EngineEvidence {

    private EngineEvidence() {
    }

    /** @param records all records of one contact, in id order */
    public static Evidence of(List<EvidenceRecord> records) {
        Map<Long, Long> correctedBy = new HashMap<>();
        for (EvidenceRecord record : records) {
            if (record.supersedes() != null) {
                correctedBy.put(record.supersedes(), record.id());
            }
        }
        Map<Long, Instant> withdrawals = new HashMap<>();
        for (EvidenceRecord record : records) {
            if (!correctedBy.containsKey(record.id()) && record.content() instanceof WithdrawalEvidence withdrawal) {
                long consent = current(withdrawal.consentRecordId(), correctedBy);
                withdrawals.merge(consent, withdrawal.withdrawnAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<Consent> consents = new ArrayList<>();
        List<Purchase> purchases = new ArrayList<>();
        List<Interaction> interactions = new ArrayList<>();
        List<Objection> objections = new ArrayList<>();
        for (EvidenceRecord record : records) {
            if (correctedBy.containsKey(record.id())) {
                continue;
            }
            String id = engineId(record);
            switch (record.content()) {
                case ConsentEvidence consent -> consents.add(new Consent(id, consent.givenAt(), consent.channels(), consent.topics(),
                        consent.method(), consent.obtainedBy(), consent.wording().text(), consent.confirmedAt(),
                        earliest(consent.withdrawnAt(), withdrawals.get(record.id()))));
                case PurchaseEvidence purchase -> purchases.add(new Purchase(id, purchase.date(), purchase.categories(),
                        purchase.proof(), purchase.addressCollectedInSale(), purchase.objectionOffered()));
                case InteractionEvidence interaction -> interactions.add(new Interaction(id, interaction.type(), interaction.date()));
                case ObjectionEvidence objection -> objections.add(new Objection(id, objection.at(), objection.allChannels(),
                        objection.channels(), objection.topics(), objection.via()));
                case WithdrawalEvidence withdrawal -> {
                    // applied to its consent above
                }
                case ErasureEvidence erasure -> {
                    // a fact about the ledger, not about the person
                }
                case ErasedEvidence erased -> {
                    // nothing left to rely on
                }
            }
        }
        return new Evidence(consents, purchases, interactions, objections);
    }

    /**
     * The id a decision shows in its reasons and evidenceUsed: the source's id where there is
     * one (the shop's "o-77" is what its user recognises), else the ledger record.
     */
    public static String engineId(EvidenceRecord record) {
        return record.externalId() != null ? record.externalId() : "record-" + record.id();
    }

    private static long current(long recordId, Map<Long, Long> correctedBy) {
        long current = recordId;
        while (correctedBy.containsKey(current)) {
            current = correctedBy.get(current);
        }
        return current;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
