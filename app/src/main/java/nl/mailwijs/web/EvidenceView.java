package nl.mailwijs.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import nl.mailwijs.evidence.ConsentEvidence;
import nl.mailwijs.evidence.EvidenceKind;
import nl.mailwijs.evidence.EvidenceRecord;
import nl.mailwijs.evidence.InteractionEvidence;
import nl.mailwijs.evidence.ObjectionEvidence;
import nl.mailwijs.evidence.PurchaseEvidence;
import nl.mailwijs.evidence.WithdrawalEvidence;

/**
 * One ledger record as a person reads it: its kind, when it was recorded, and its facts, each
 * under a label key ({@code evidence.fact.*}). Values are the record's own data, shown as stored.
 *
 * @param supersededBy the record that corrects this one, or null while it counts
 */
public record EvidenceView(long id, long contactId, EvidenceKind kind, String externalId, Instant recordedAt, Long supersedes, Long supersededBy,
                    List<Fact> facts) {

    /**
     * A label key and the value: text as stored, a moment to show as a date ({@code time}), or
     * codes shown in the person's language ({@code valueKeys}, message keys, shown one after the other).
     *
     * @param value the value as stored, codes as their names (e.g. {@code PHONE})
     */
    public record Fact(String label, String value, Instant time, List<String> valueKeys) {

        public Fact {
            valueKeys = List.copyOf(valueKeys);
        }

        static Fact text(String label, Object value) {
            return new Fact(label, value == null ? null : String.valueOf(value), null, List.of());
        }

        static Fact at(String label, Instant time) {
            return new Fact(label, null, time, List.of());
        }

        static Fact coded(String label, String prefix, Object code) {
            return code == null ? new Fact(label, null, null, List.of()) : new Fact(label, String.valueOf(code), null, List.of(prefix + code));
        }

        /** Codes such as channels, in the order of their names; none is no fact. */
        static Fact codes(String label, String prefix, Collection<?> codes) {
            List<String> names = codes.stream().map(String::valueOf).sorted().toList();
            return names.isEmpty() ? new Fact(label, null, null, List.of())
                    : new Fact(label, String.join(", ", names), null, names.stream().map(name -> prefix + name).toList());
        }

        static Fact yesNo(String label, boolean value) {
            return new Fact(label, String.valueOf(value), null, List.of(value ? "evidence.yes" : "evidence.no"));
        }
    }

    static EvidenceView of(EvidenceRecord record, Long supersededBy) {
        List<Fact> facts = new ArrayList<>();
        switch (record.content()) {
            case ConsentEvidence consent -> {
                facts.add(Fact.at("evidence.fact.givenAt", consent.givenAt()));
                facts.add(Fact.codes("evidence.fact.channels", "channel.", consent.channels()));
                facts.add(Fact.text("evidence.fact.topics", consent.topics().isEmpty() ? null : String.join(", ", consent.topics())));
                facts.add(Fact.coded("evidence.fact.method", "consentMethod.", consent.method()));
                facts.add(Fact.coded("evidence.fact.obtainedBy", "obtainedBy.", consent.obtainedBy()));
                facts.add(Fact.text("evidence.fact.wording", consent.wording().text()));
                facts.add(Fact.text("evidence.fact.wordingVersion", consent.wording().version()));
                facts.add(Fact.at("evidence.fact.confirmedAt", consent.confirmedAt()));
                facts.add(Fact.at("evidence.fact.withdrawnAt", consent.withdrawnAt()));
            }
            case PurchaseEvidence purchase -> {
                facts.add(Fact.at("evidence.fact.date", purchase.date()));
                facts.add(Fact.text("evidence.fact.categories", String.join(", ", purchase.categories())));
                facts.add(Fact.coded("evidence.fact.proof", "proof.", purchase.proof()));
                facts.add(Fact.text("evidence.fact.proofReference", purchase.proofReference()));
                facts.add(Fact.yesNo("evidence.fact.addressCollectedInSale", purchase.addressCollectedInSale()));
                facts.add(Fact.yesNo("evidence.fact.objectionOffered", purchase.objectionOffered()));
            }
            case ObjectionEvidence objection -> {
                facts.add(Fact.at("evidence.fact.at", objection.at()));
                facts.add(objection.allChannels() ? Fact.coded("evidence.fact.channels", "evidence.", "allChannels")
                        : Fact.codes("evidence.fact.channels", "channel.", objection.channels()));
                facts.add(Fact.text("evidence.fact.topics", objection.topics().isEmpty() ? null : String.join(", ", objection.topics())));
                facts.add(Fact.coded("evidence.fact.via", "route.", objection.via()));
                facts.add(Fact.text("evidence.fact.rawEvidence", objection.rawEvidence()));
            }
            case WithdrawalEvidence withdrawal -> {
                facts.add(Fact.at("evidence.fact.withdrawnAt", withdrawal.withdrawnAt()));
                facts.add(Fact.text("evidence.fact.consentRecord", withdrawal.consentRecordId()));
                facts.add(Fact.coded("evidence.fact.via", "route.", withdrawal.via()));
            }
            case InteractionEvidence interaction -> {
                facts.add(Fact.at("evidence.fact.date", interaction.date()));
                facts.add(Fact.coded("evidence.fact.interactionType", "interactionType.", interaction.type()));
            }
            default -> facts.add(Fact.text("evidence.fact.content", record.contentJson()));
        }
        return new EvidenceView(record.id(), record.contactId(), record.kind(), record.externalId(), record.recordedAt(), record.supersedes(), supersededBy,
                facts.stream().filter(fact -> fact.value() != null || fact.time() != null).toList());
    }

    /** The value of the fact with this label, or null. */
    public String fact(String label) {
        return facts.stream().filter(fact -> fact.label().equals(label)).map(Fact::value).findFirst().orElse(null);
    }

    static List<EvidenceView> allOf(List<EvidenceRecord> records) {
        java.util.Map<Long, Long> correctedBy = new java.util.HashMap<>();
        records.stream().filter(record -> record.supersedes() != null).forEach(record -> correctedBy.put(record.supersedes(), record.id()));
        return records.stream().map(record -> of(record, correctedBy.get(record.id()))).toList();
    }
}
