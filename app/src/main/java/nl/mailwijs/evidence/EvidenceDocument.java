package nl.mailwijs.evidence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import nl.mailwijs.apijson.JsonObjectFields;

/**
 * A ledger record as the API shows it: its content as JSON and its place in the hash chain.
 *
 * @param supersededBy the record that corrects this one, or null while it is current
 */
public record EvidenceDocument(long id, long contactId, EvidenceKind kind, String externalId, Instant recordedAt, Long supersedes,
                               Long supersededBy, JsonNode content, String previousHash, String hash) {

    public static EvidenceDocument of(EvidenceRecord record, Long supersededBy) {
        return new EvidenceDocument(record.id(), record.contactId(), record.kind(), record.externalId(), record.recordedAt(),
                record.supersedes(), supersededBy, JsonObjectFields.tree(record.contentJson().getBytes(StandardCharsets.UTF_8)),
                record.previousHash(), record.hash());
    }

    /** A contact's records in ledger order, each corrected one marked with the record that corrects it. */
    public static List<EvidenceDocument> allOf(List<EvidenceRecord> records) {
        Map<Long, Long> correctedBy = new HashMap<>();
        records.stream().filter(record -> record.supersedes() != null).forEach(record -> correctedBy.put(record.supersedes(), record.id()));
        return records.stream().map(record -> of(record, correctedBy.get(record.id()))).toList();
    }
}
