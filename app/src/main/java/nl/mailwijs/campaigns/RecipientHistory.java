package nl.mailwijs.campaigns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the campaigns did for given contacts: every decision a pre-flight stored for them and
 * every message the outbox holds for them, oldest first. What a dossier for the regulator lists;
 * read by contact, since an erasure blanks the addresses these rows copied.
 */
@Service
public class RecipientHistory {

    /** Contacts per query: an IN list the databases plan well. */
    private static final int CHUNK = 500;

    private final JdbcClient jdbc;

    RecipientHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One recipient's decision in a campaign's pre-flight, as stored.
     *
     * @param decidingRules   the ids of the rules that decided (catalogue of Tw 11.7 and AVG rules)
     * @param evidenceRecords the ledger records the decision relied on
     */
    public record CampaignDecision(long campaignId, String campaignName, int campaignVersion, long contactId, String address,
                                   String verdict, String basis, String denial, List<String> decidingRules, List<Long> evidenceRecords,
                                   Instant basisValidUntil, long settingsVersion, Instant decidedAt) {
    }

    /**
     * One message of a campaign to a contact: its state and the last SMTP reply.
     *
     * @param state as the outbox says: QUEUED, SENDING, SENT, DEFERRED, FAILED, STOPPED or CANCELLED
     */
    public record SentMessage(long id, long campaignId, String campaignName, long contactId, String address, String state, int attempts,
                              String messageId, Integer replyCode, String replyText, Instant sentAt, Instant updatedAt) {
    }

    public List<CampaignDecision> decisionsFor(Collection<Long> contactIds) {
        return chunked(contactIds, chunk -> jdbc.sql("""
                SELECT d.campaign_id, c.name, d.campaign_version, d.contact_id, d.address, d.verdict, d.basis, d.denial, d.deciding_rules,
                       d.evidence_records, d.basis_valid_until, d.settings_version, d.decided_at
                  FROM campaign_decision d JOIN campaign c ON c.id = d.campaign_id
                 WHERE d.contact_id IN (:contacts)
                 ORDER BY d.decided_at, d.campaign_id, d.campaign_version""")
                .param("contacts", chunk)
                .query(RecipientHistory::campaignDecision)
                .list());
    }

    public List<SentMessage> messagesTo(Collection<Long> contactIds) {
        return chunked(contactIds, chunk -> jdbc.sql("""
                SELECT o.id, o.campaign_id, c.name, o.contact_id, o.address, """ + nl.mailwijs.campaigns.internal.CampaignsSql.SHOWN_STATE + " AS state," + """
                       o.attempts, o.message_id, o.reply_code, o.reply_text,
                       o.sent_at, o.updated_at
                  FROM outbox o JOIN campaign c ON c.id = o.campaign_id
                 WHERE o.contact_id IN (:contacts)
                 ORDER BY o.id""")
                .param("contacts", chunk)
                .query(RecipientHistory::sentMessage)
                .list());
    }

    private static <T> List<T> chunked(Collection<Long> contactIds, java.util.function.Function<List<Long>, List<T>> query) {
        List<Long> all = List.copyOf(new java.util.LinkedHashSet<>(contactIds));
        List<T> found = new java.util.ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            found.addAll(query.apply(all.subList(from, Math.min(all.size(), from + CHUNK))));
        }
        return found;
    }

    private static CampaignDecision campaignDecision(ResultSet row, int n) throws SQLException {
        String records = row.getString("evidence_records");
        return new CampaignDecision(row.getLong("campaign_id"), row.getString("name"), row.getInt("campaign_version"), row.getLong("contact_id"),
                row.getString("address"), row.getString("verdict"), row.getString("basis"), row.getString("denial"),
                split(row.getString("deciding_rules")),
                split(records).stream().map(Long::valueOf).toList(),
                instant(row, "basis_valid_until"), row.getLong("settings_version"), instant(row, "decided_at"));
    }

    private static SentMessage sentMessage(ResultSet row, int n) throws SQLException {
        int code = row.getInt("reply_code");
        Integer replyCode = row.wasNull() ? null : code;
        return new SentMessage(row.getLong("id"), row.getLong("campaign_id"), row.getString("name"), row.getLong("contact_id"),
                row.getString("address"), row.getString("state"), row.getInt("attempts"), row.getString("message_id"), replyCode,
                row.getString("reply_text"), instant(row, "sent_at"), instant(row, "updated_at"));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.stream(joined.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
