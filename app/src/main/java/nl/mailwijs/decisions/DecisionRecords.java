package nl.mailwijs.decisions;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.mailwijs.decisionjson.DecisionJson;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.evidence.Ledger;

/**
 * Keeps every decision made for a stored contact, with the ledger records it relied on, and
 * computes from them how long each record must be kept.
 */
@Service
public class DecisionRecords {

    /** ACM may fine up to five years after a violation (Awb 5:45): the proof must outlive that. */
    static final int RETENTION_YEARS = 5;

    /**
     * How long one ledger record must be kept.
     *
     * @param retainUntil null while no decision relied on it: then it is kept as long as it may be relied on
     */
    public record Retention(long evidenceRecordId, int decisionsRelyingOnIt, Instant lastSendAt, Instant retainUntil) {
    }

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Clock clock;

    DecisionRecords(JdbcClient jdbc, Ledger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Stores the decision as answered (reasons in Dutch) and links the records it relied on. */
    @Transactional
    public long record(ContactDecisions.Made made, Instant sendAt) {
        Decision decision = made.decision();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO decision_record (contact_id, channel, address, send_at, settings_version, verdict, basis, denial,
                                             decision, decided_at)
                VALUES (:contact, :channel, :address, :sendAt, :settings, :verdict, :basis, :denial, :decision, :now)""")
                .param("contact", made.contactId())
                .param("channel", made.channel().name())
                .param("address", made.address())
                .param("sendAt", Timestamp.from(sendAt))
                .param("settings", made.settingsVersion())
                .param("verdict", decision.verdict().name())
                .param("basis", decision.basis() == null ? null : decision.basis().name())
                .param("denial", decision.denial() == null ? null : decision.denial().name())
                .param("decision", DecisionJson.write(decision, Language.NL, false))
                .param("now", Timestamp.from(clock.instant()))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        Map<String, Long> recordIds = ledger.recordIdsByEngineId(made.contactId());
        for (String used : decision.evidenceUsed()) {
            Long recordId = recordIds.get(used);
            if (recordId != null) {
                jdbc.sql("INSERT INTO decision_evidence (decision_id, evidence_record_id) VALUES (:decision, :record)")
                        .param("decision", id)
                        .param("record", recordId)
                        .update();
            }
        }
        return id;
    }

    /**
     * A decision as stored, for the dossier of an address.
     *
     * @param rules           the ids of the rules applied, in the order of the decision's reasons
     * @param evidenceRecords the ledger records it relied on
     * @param decisionJson    the decision as answered (reasons in Dutch)
     */
    public record StoredDecision(long id, long contactId, String channel, String address, Instant sendAt, long settingsVersion,
                                 String verdict, String basis, String denial, List<String> rules, List<Long> evidenceRecords,
                                 Instant decidedAt, String decisionJson) {
    }

    /** Every decision stored for these contacts, oldest first. */
    public List<StoredDecision> decisionsOf(java.util.Collection<Long> contactIds) {
        if (contactIds.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Long>> relied = new java.util.HashMap<>();
        jdbc.sql("""
                SELECT de.decision_id, de.evidence_record_id
                  FROM decision_evidence de JOIN decision_record d ON d.id = de.decision_id
                 WHERE d.contact_id IN (:contacts)
                 ORDER BY de.evidence_record_id""")
                .param("contacts", List.copyOf(contactIds))
                .query(row -> {
                    relied.computeIfAbsent(row.getLong("decision_id"), id -> new java.util.ArrayList<>()).add(row.getLong("evidence_record_id"));
                });
        return jdbc.sql("""
                SELECT id, contact_id, channel, address, send_at, settings_version, verdict, basis, denial, decision, decided_at
                  FROM decision_record WHERE contact_id IN (:contacts) ORDER BY id""")
                .param("contacts", List.copyOf(contactIds))
                .query((row, n) -> {
                    String json = row.getString("decision");
                    List<String> rules = new java.util.ArrayList<>();
                    nl.mailwijs.apijson.JsonObjectFields.tree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("reasons")
                            .forEach(reason -> rules.add(reason.path("rule").asString()));
                    long id = row.getLong("id");
                    return new StoredDecision(id, row.getLong("contact_id"), row.getString("channel"), row.getString("address"),
                            row.getTimestamp("send_at").toInstant(), row.getLong("settings_version"), row.getString("verdict"),
                            row.getString("basis"), row.getString("denial"), List.copyOf(rules), List.copyOf(relied.getOrDefault(id, List.of())),
                            row.getTimestamp("decided_at").toInstant(), json);
                })
                .list();
    }

    /** Every ledger record of the contact with the decisions that relied on it and its retention. */
    public List<Retention> retentionOf(long contactId) {
        return jdbc.sql("""
                SELECT e.id, COUNT(d.id) AS decisions, MAX(d.send_at) AS last_send_at
                  FROM evidence_record e
                  LEFT JOIN decision_evidence de ON de.evidence_record_id = e.id
                  LEFT JOIN decision_record d ON d.id = de.decision_id
                 WHERE e.contact_id = :contact
                 GROUP BY e.id
                 ORDER BY e.id""")
                .param("contact", contactId)
                .query((row, n) -> {
                    Timestamp last = row.getTimestamp("last_send_at");
                    Instant lastSendAt = last == null ? null : last.toInstant();
                    Instant until = lastSendAt == null ? null
                            : lastSendAt.atOffset(ZoneOffset.UTC).plusYears(RETENTION_YEARS).toInstant();
                    return new Retention(row.getLong("id"), row.getInt("decisions"), lastSendAt, until);
                })
                .list();
    }
}
