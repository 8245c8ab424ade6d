package nl.mailwijs.inbox.internal;

/** The SQL of the inbound mailbox, with named parameters only. */
public final class InboundSql {

    private InboundSql() {
    }

    public static final String INSERT = """
            INSERT INTO inbound_message (received_at, source, source_detail, dedupe_key, envelope_from, envelope_to, size_bytes, truncated, raw,
                                         header_from, header_subject, header_message_id, outcome, malformed)
            VALUES (:receivedAt, :source, :sourceDetail, :dedupeKey, :envelopeFrom, :envelopeTo, :sizeBytes, :truncated, :raw,
                    :from, :subject, :messageId, 'PENDING', :truncated)""";

    public static final String ID_BY_DEDUPE_KEY = "SELECT id FROM inbound_message WHERE dedupe_key = :key";

    /**
     * The message to process, locked: two processes (or the SMTP session and the sweep) never act on
     * one message twice. SKIP LOCKED: the one that comes second passes over it.
     */
    public static final String LOCK_PENDING = """
            SELECT id, received_at, source, envelope_to, truncated, raw FROM inbound_message
             WHERE id = :id AND outcome = 'PENDING'
               FOR UPDATE SKIP LOCKED""";

    public static final String RECORD_RESULT = """
            UPDATE inbound_message SET kind = :kind, outcome = :outcome, detail = :detail, malformed = :malformed, problems = :problems,
                   report = :report, token_campaign_id = :campaignId, token_contact_id = :contactId, token_outbox_id = :outboxId,
                   evidence_record_id = :evidenceRecordId, processed_at = :now
             WHERE id = :id""";

    public static final String RECORD_FAILURE = """
            UPDATE inbound_message SET outcome = 'FAILED', detail = :detail, malformed = TRUE, processed_at = :now
             WHERE id = :id AND outcome = 'PENDING'""";

    public static final String RESET_FAILED = "UPDATE inbound_message SET outcome = 'PENDING' WHERE id = :id AND outcome = 'FAILED'";

    /** Messages a process stored but did not get to process (it died, or the database was away a moment). */
    public static final String PENDING_BEFORE = """
            SELECT id FROM inbound_message WHERE outcome = 'PENDING' AND received_at < :before ORDER BY id LIMIT :limit""";

    private static final String COLUMNS = """
            SELECT id, received_at, source, source_detail, envelope_from, envelope_to, size_bytes, truncated, header_from, header_subject,
                   header_message_id, kind, outcome, detail, malformed, problems, report, token_campaign_id, token_contact_id,
                   token_outbox_id, evidence_record_id, processed_at
              FROM inbound_message""";

    public static final String BY_ID = COLUMNS + " WHERE id = :id";

    public static final String LIST = COLUMNS + "\n" + """
             WHERE (:anyOutcome OR outcome = :outcome) AND (:anyKind OR kind = :kind)
             ORDER BY id DESC LIMIT :limit OFFSET :offset""";

    public static final String COUNT = """
            SELECT COUNT(*) FROM inbound_message WHERE (:anyOutcome OR outcome = :outcome) AND (:anyKind OR kind = :kind)""";

    public static final String RAW = "SELECT raw FROM inbound_message WHERE id = :id";

    private static final String ERASE_MESSAGE = """
            UPDATE inbound_message SET raw = :raw, envelope_from = NULL, envelope_to = NULL, header_from = :erased, header_subject = NULL,
                   detail = :erased, problems = NULL, report = NULL, source_detail = NULL
            """;

    /** The messages an erased contact's tokens led to. */
    public static final String ERASE_OF_CONTACT = ERASE_MESSAGE + " WHERE token_contact_id = :contactId";

    /** The messages sent from one of an erased contact's addresses (a mailto unsubscribe, a reply). */
    public static final String ERASE_FROM_ADDRESS = ERASE_MESSAGE + " WHERE LOWER(header_from) LIKE :pattern ESCAPE '\\' OR LOWER(envelope_from) LIKE :pattern ESCAPE '\\'";
}
