package nl.mailwijs.evidence.internal;

/**
 * The SQL of the evidence ledger, in one place, with named parameters only. There is no DELETE
 * of evidence_record or consent_wording here, and no UPDATE but {@link #ERASE_CONTENT}; none may
 * be added: a correction is a new record.
 */
public final class EvidenceSql {

    private EvidenceSql() {
    }

    /**
     * Taken first in every append (and wording registration): the row lock makes appenders wait
     * for each other, in this process and in any other on the same database, so the chain stays
     * one line. PostgreSQL (READ COMMITTED) and H2 both re-read the row after the wait, so the
     * waiter sees the head its predecessor left.
     */
    public static final String LOCK_HEAD = "SELECT last_record_id, last_hash FROM evidence_chain_head WHERE id = 1 FOR UPDATE";

    public static final String READ_HEAD = "SELECT last_record_id, last_hash FROM evidence_chain_head WHERE id = 1";

    public static final String MOVE_HEAD = "UPDATE evidence_chain_head SET last_record_id = :id, last_hash = :hash WHERE id = 1";

    public static final String INSERT_RECORD = """
            INSERT INTO evidence_record (id, contact_id, kind, external_id, recorded_at, content, content_digest, supersedes, previous_hash,
                                         hash)
            VALUES (:id, :contactId, :kind, :externalId, :recordedAt, :content, :contentDigest, :supersedes, :previousHash, :hash)""";

    /**
     * The one change of a stored record: a GDPR erasure (AVG 17) replaces the content of a
     * contact's records by a marker without personal data. The digest the chain hashed stays in
     * content_digest, and the erasure appends a record naming these ids, so the chain still
     * verifies and an erasure done any other way shows. Erasure records themselves stay.
     */
    public static final String ERASE_CONTENT = """
            UPDATE evidence_record SET content = :marker, erased_at = :erasedAt
             WHERE contact_id = :contactId AND erased_at IS NULL AND kind <> 'ERASURE'""";

    public static final String CONTACTS_AMONG = "SELECT id FROM contact WHERE id IN (:contactIds) AND erased_at IS NULL";

    private static final String RECORD_COLUMNS =
            "SELECT r.id, r.contact_id, r.kind, r.external_id, r.recorded_at, r.content, r.content_digest, r.erased_at, r.supersedes,"
                    + " r.previous_hash, r.hash FROM evidence_record r";

    public static final String RECORD_BY_ID = RECORD_COLUMNS + " WHERE r.id = :id";

    public static final String RECORDS_OF_CONTACT = RECORD_COLUMNS + " WHERE r.contact_id = :contactId ORDER BY r.id";

    /**
     * The records of a kind with this source id that no later record corrects. A correction
     * belongs to the same contact, so the corrections looked for are the contact's: whatever
     * plan the database picks (also before it has statistics), it reads one contact's records,
     * never the whole ledger.
     */
    public static final String CURRENT_BY_EXTERNAL_ID = RECORD_COLUMNS + """

             WHERE r.contact_id = :contactId AND r.kind = :kind AND r.external_id = :externalId
               AND NOT EXISTS (SELECT 1 FROM evidence_record s WHERE s.contact_id = :contactId AND s.supersedes = r.id)
             ORDER BY r.id""";

    /**
     * The records of these contacts older than a given id, for an import's batch to compare
     * with. Which of them are current is worked out by the caller: an anti-join here was planned
     * as a scan of the whole ledger per batch while a fresh table had no statistics yet. Both
     * conditions are conditions of the index (contact_id, id), so records an import appended
     * itself are passed over without being read.
     */
    public static final String RECORDS_OF_CONTACTS_BELOW =
            RECORD_COLUMNS + " WHERE r.contact_id IN (:contactIds) AND r.id < :below ORDER BY r.id";

    /** A range of the primary key, newest first, filtered by kind: bounded by the range, whatever the kind's share. */
    public static final String RECENT_OF_KIND = RECORD_COLUMNS + " WHERE r.id > :after AND r.kind = :kind ORDER BY r.id DESC LIMIT :limit";

    public static final String CORRECTED_BY = "SELECT id FROM evidence_record WHERE supersedes = :id";

    /** verify() reads the chain in pages, by id, up to the head it read first. */
    public static final String CHAIN_PAGE = RECORD_COLUMNS + " WHERE r.id > :after AND r.id <= :last ORDER BY r.id LIMIT :limit";

    public static final String INSERT_WORDING = """
            INSERT INTO consent_wording (wording, wording_sha256, version_label, language, created_at)
            VALUES (:wording, :sha256, :version, :language, :now)""";

    private static final String WORDING_COLUMNS = "SELECT id, wording, version_label, language, created_at FROM consent_wording";

    public static final String WORDING_BY_ID = WORDING_COLUMNS + " WHERE id = :id";

    public static final String WORDINGS_BY_TEXT = WORDING_COLUMNS + " WHERE wording_sha256 = :sha256 ORDER BY id";

    public static final String WORDINGS_BY_VERSION = WORDING_COLUMNS + " WHERE version_label = :version ORDER BY id";
}
