package nl.mailwijs.campaigns.internal;

/** The SQL of the campaigns module, with named parameters only. */
public final class CampaignsSql {

    private CampaignsSql() {
    }

    public static final String INSERT_CAMPAIGN = """
            INSERT INTO campaign (name, state, version, purpose, topics, contains_promotion, from_address, from_name, subject, preheader,
                                  body_format, body, text_body, language, segment_id, template_id, template_version, layout_id,
                                  layout_version, layout_html, created_at, updated_at)
            VALUES (:name, 'DRAFT', 1, :purpose, :topics, :promotion, :fromAddress, :fromName, :subject, :preheader,
                    :bodyFormat, :body, :textBody, :language, :segmentId, :templateId, :templateVersion, :layoutId,
                    :layoutVersion, :layoutHtml, :now, :now)""";

    /**
     * Only a draft changes; every change is a new version, so a pre-flight of an older one no longer counts. The last
     * voided schedule's reason goes with the change: the author has acted on it.
     */
    public static final String UPDATE_DRAFT = """
            UPDATE campaign SET name = :name, version = version + 1, purpose = :purpose, topics = :topics,
                   contains_promotion = :promotion, from_address = :fromAddress, from_name = :fromName, subject = :subject,
                   preheader = :preheader, body_format = :bodyFormat, body = :body, text_body = :textBody, language = :language,
                   segment_id = :segmentId, template_id = :templateId, template_version = :templateVersion, layout_id = :layoutId,
                   layout_version = :layoutVersion, layout_html = :layoutHtml, schedule_voided = NULL, updated_at = :now
             WHERE id = :id AND state = 'DRAFT'""";

    private static final String CAMPAIGN_COLUMNS = """
            SELECT id, name, state, version, purpose, topics, contains_promotion, from_address, from_name, subject, preheader,
                   body_format, body, text_body, language, segment_id, template_id, template_version, layout_id, layout_version,
                   layout_html, preflight_version, preflight_at, send_at, scheduled_version, schedule_voided, created_at, updated_at
              FROM campaign""";

    public static final String CAMPAIGN_BY_ID = CAMPAIGN_COLUMNS + " WHERE id = :id";

    public static final String LOCK_CAMPAIGN = "SELECT id FROM campaign WHERE id = :id FOR UPDATE";

    public static final String CAMPAIGNS = CAMPAIGN_COLUMNS + " ORDER BY id DESC LIMIT :limit OFFSET :offset";

    public static final String COUNT_CAMPAIGNS = "SELECT COUNT(*) FROM campaign";

    public static final String SET_STATE = "UPDATE campaign SET state = :state, updated_at = :now WHERE id = :id";

    public static final String SET_STATE_IF = "UPDATE campaign SET state = :state, updated_at = :now WHERE id = :id AND state = :from";

    public static final String RECORD_PREFLIGHT = """
            UPDATE campaign SET preflight_version = :version, preflight_settings = :settings, preflight_at = :now,
                   preflight_report = :report
             WHERE id = :id AND version = :version""";

    public static final String PREFLIGHT_REPORT = "SELECT preflight_report FROM campaign WHERE id = :id AND preflight_version = version";

    public static final String INSERT_SEGMENT = "INSERT INTO segment (name, definition, created_at) VALUES (:name, :definition, :now)";

    public static final String SEGMENT_BY_ID = "SELECT id, name, definition, created_at FROM segment WHERE id = :id";

    public static final String SEGMENTS = "SELECT id, name, definition, created_at FROM segment ORDER BY id";

    // --- templates and layouts

    public static final String INSERT_TEMPLATE = """
            INSERT INTO message_template (name, version, body_format, body, text_body, created_at, updated_at)
            VALUES (:name, 1, :bodyFormat, :body, :textBody, :now, :now)""";

    public static final String UPDATE_TEMPLATE = """
            UPDATE message_template SET name = :name, version = version + 1, body_format = :bodyFormat, body = :body,
                   text_body = :textBody, updated_at = :now
             WHERE id = :id""";

    private static final String TEMPLATE_COLUMNS =
            "SELECT id, name, version, body_format, body, text_body, created_at, updated_at FROM message_template";

    public static final String TEMPLATE_BY_ID = TEMPLATE_COLUMNS + " WHERE id = :id";

    public static final String TEMPLATES = TEMPLATE_COLUMNS + " ORDER BY id";

    /** Campaigns not yet sent that name the template: they hold it back from being deleted. */
    public static final String OPEN_CAMPAIGNS_WITH_TEMPLATE =
            "SELECT id FROM campaign WHERE template_id = :id AND state IN ('DRAFT', 'SCHEDULED') ORDER BY id";

    public static final String DELETE_UNUSED_TEMPLATE = """
            DELETE FROM message_template WHERE id = :id
               AND NOT EXISTS (SELECT 1 FROM campaign WHERE template_id = :id AND state IN ('DRAFT', 'SCHEDULED'))""";

    public static final String INSERT_LAYOUT = """
            INSERT INTO message_layout (name, version, html, created_at, updated_at) VALUES (:name, 1, :html, :now, :now)""";

    public static final String UPDATE_LAYOUT = """
            UPDATE message_layout SET name = :name, version = version + 1, html = :html, updated_at = :now WHERE id = :id""";

    private static final String LAYOUT_COLUMNS = "SELECT id, name, version, html, created_at, updated_at FROM message_layout";

    public static final String LAYOUT_BY_ID = LAYOUT_COLUMNS + " WHERE id = :id";

    public static final String LAYOUTS = LAYOUT_COLUMNS + " ORDER BY id";

    public static final String OPEN_CAMPAIGNS_WITH_LAYOUT =
            "SELECT id FROM campaign WHERE layout_id = :id AND state IN ('DRAFT', 'SCHEDULED') ORDER BY id";

    public static final String DELETE_UNUSED_LAYOUT = """
            DELETE FROM message_layout WHERE id = :id
               AND NOT EXISTS (SELECT 1 FROM campaign WHERE layout_id = :id AND state IN ('DRAFT', 'SCHEDULED'))""";

    // --- scheduling

    public static final String SCHEDULE = """
            UPDATE campaign SET state = 'SCHEDULED', send_at = :sendAt, scheduled_version = version, schedule_voided = NULL,
                   updated_at = :now
             WHERE id = :id""";

    public static final String UNSCHEDULE = """
            UPDATE campaign SET state = 'DRAFT', send_at = NULL, scheduled_version = NULL, schedule_voided = :voided, updated_at = :now
             WHERE id = :id AND state = 'SCHEDULED'""";

    /** The scheduled campaigns whose time has come, oldest first; each is then taken under its row lock. */
    public static final String DUE_CAMPAIGNS = """
            SELECT id FROM campaign WHERE state = 'SCHEDULED' AND send_at <= :now ORDER BY send_at, id LIMIT :limit""";

    /**
     * The campaign, if it is still scheduled and due, locked. SKIP LOCKED: a campaign another
     * process is queuing right now is left to it, not waited for (queuing a large one takes a while).
     */
    public static final String LOCK_DUE_CAMPAIGN = """
            SELECT id FROM campaign WHERE id = :id AND state = 'SCHEDULED' AND send_at <= :now FOR UPDATE SKIP LOCKED""";

    /**
     * Makes a due scheduled campaign a draft again for the moment Outbox.queue takes, in the same
     * transaction and under the row lock (so no one else sees the draft): queuing is then exactly
     * what "send now" does.
     */
    public static final String DUE_TO_DRAFT = "UPDATE campaign SET state = 'DRAFT' WHERE id = :id AND state = 'SCHEDULED'";

    public static final String DELETE_DECISIONS_OF_VERSION =
            "DELETE FROM campaign_decision WHERE campaign_id = :id AND campaign_version = :version";

    // --- the outbox

    public static final String ALLOWED_DECISIONS = """
            SELECT contact_id, address FROM campaign_decision
             WHERE campaign_id = :id AND campaign_version = :version AND verdict = 'ALLOW' AND contact_id > :after
             ORDER BY contact_id LIMIT :limit""";

    /**
     * Cuts the campaign's queued rows into batches of consecutive ids, the unit a worker claims
     * (see V18__outbox_batches.sql).
     */
    public static final String FORM_BATCHES = """
            INSERT INTO outbox_batch (campaign_id, first_row_id, last_row_id, state, updated_at)
            SELECT campaign_id, MIN(id), MAX(id), 'QUEUED', :now
              FROM (SELECT id, campaign_id, (ROW_NUMBER() OVER (ORDER BY id) - 1) / :size AS n
                      FROM outbox WHERE campaign_id = :id AND state = 'QUEUED') AS numbered
             GROUP BY campaign_id, n""";

    private static final String OF_SENDING_CAMPAIGN = "campaign_id IN (SELECT c.id FROM campaign c WHERE c.state = 'SENDING')";

    /**
     * Batches of campaigns that are sending, not claimed yet. SKIP LOCKED: batches another worker
     * is claiming right now are passed over, not waited for.
     */
    public static final String CLAIMABLE_BATCHES = """
            SELECT id, campaign_id, first_row_id, last_row_id FROM outbox_batch
             WHERE state = 'QUEUED' AND\s""" + OF_SENDING_CAMPAIGN + """

             LIMIT :limit
               FOR UPDATE SKIP LOCKED""";

    /** Batches whose worker's lease ran out (it died, or stalled, mid-batch). */
    public static final String EXPIRED_BATCHES = """
            SELECT id, campaign_id, first_row_id, last_row_id FROM outbox_batch
             WHERE state = 'CLAIMED' AND lease_until < :now AND\s""" + OF_SENDING_CAMPAIGN + """

             LIMIT :limit
               FOR UPDATE SKIP LOCKED""";

    public static final String CLAIM_BATCHES = """
            UPDATE outbox_batch SET state = 'CLAIMED', claimed_by = :worker, lease_until = :lease, updated_at = :now WHERE id IN (:ids)""";

    /**
     * The queued rows in a claimed batch's range of ids: the caller keeps those of the batch's
     * campaign (two campaigns queued at once interleave their ids). The campaign is not part of the
     * WHERE clause because PostgreSQL then also read the campaign's entries in {@code outbox_once}
     * (the whole campaign) to intersect them with the hundred ids of the range.
     */
    public static final String ROWS_OF_BATCH = """
            SELECT id, campaign_id, contact_id, address, token, attempts FROM outbox
             WHERE id BETWEEN :first AND :last AND state = 'QUEUED'
             ORDER BY id""";

    /**
     * "Of the batch's campaign" for a row found by its id range, written so that no index can serve
     * it (see {@link #ROWS_OF_BATCH}): the range on the primary key is the short way to the rows.
     */
    private static final String OF_BATCH_CAMPAIGN = "o.campaign_id + 0 = b.campaign_id";

    /**
     * "Of campaign :id" among the rows waiting for a retry, written so that PostgreSQL looks in the
     * index of those rows (a handful) instead of reading every row of the campaign in {@code
     * outbox_once} to find none: once per batch, that was most of the database's work.
     */
    private static final String OF_CAMPAIGN_AMONG_RETRIES = "campaign_id + 0 = :id";

    /** Deferred rows due again (or whose retry's worker died: the lease of a retry is its next_attempt_at). */
    public static final String CLAIMABLE_RETRIES = """
            SELECT id, campaign_id, contact_id, address, token, attempts FROM outbox
             WHERE next_attempt_at <= :now AND state = 'DEFERRED' AND\s""" + OF_SENDING_CAMPAIGN + """

             LIMIT :limit
               FOR UPDATE SKIP LOCKED""";

    public static final String CLAIM_RETRIES = """
            UPDATE outbox SET claimed_by = :worker, next_attempt_at = :lease, lease_until = :lease, updated_at = :now WHERE id IN (:ids)""";

    public static final String RENEW_BATCH = """
            UPDATE outbox_batch SET lease_until = ?, updated_at = ? WHERE id = ? AND state = 'CLAIMED' AND claimed_by = ?""";

    public static final String RENEW_RETRY = """
            UPDATE outbox SET next_attempt_at = ?, lease_until = ?, updated_at = ? WHERE id = ? AND state = 'DEFERRED' AND claimed_by = ?""";

    public static final String HELD_BATCHES = "SELECT id FROM outbox_batch WHERE id IN (:ids) AND state = 'CLAIMED' AND claimed_by = :worker";

    /** A row of a batch is written once, with its outcome: only if no other worker has recorded one. */
    private static final String OF_BATCH = " WHERE id = ? AND state = 'QUEUED'";
    /** A retried row: only while this worker holds it. */
    private static final String RETRIED = " WHERE id = ? AND state = 'DEFERRED' AND claimed_by = ?";

    private static final String SENT = """
            UPDATE outbox SET state = 'SENT', message_id = ?, reply_code = ?, reply_text = ?, sent_at = ?, attempts = ?, claimed_by = ?,
                   next_attempt_at = NULL, lease_until = NULL, updated_at = ?""";
    public static final String SENT_OF_BATCH = SENT + OF_BATCH;
    public static final String SENT_RETRIED = SENT + RETRIED;

    /** {@code claimed_by} stays empty for a deferred row: a deferred row with a worker is one being retried. */
    private static final String NOT_SENT = """
            UPDATE outbox SET state = ?, next_attempt_at = ?, reply_code = ?, reply_text = ?, attempts = ?, claimed_by = ?, lease_until = NULL,
                   updated_at = ?""";
    public static final String NOT_SENT_OF_BATCH = NOT_SENT + OF_BATCH;
    public static final String NOT_SENT_RETRIED = NOT_SENT + RETRIED;

    /** A batch with no queued row left is done. */
    public static final String BATCH_DONE = """
            UPDATE outbox_batch b SET state = 'DONE', lease_until = NULL, updated_at = ?
             WHERE b.id = ? AND b.state = 'CLAIMED'
               AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.id BETWEEN b.first_row_id AND b.last_row_id AND o.state = 'QUEUED'
                                  AND\s""" + OF_BATCH_CAMPAIGN + ")";

    /** Queued rows of the campaign in claimed batches: on their way now. */
    public static final String QUEUED_IN_CLAIMED_BATCHES = """
            SELECT COUNT(*) FROM outbox_batch b JOIN outbox o ON o.id BETWEEN b.first_row_id AND b.last_row_id AND\s""" + OF_BATCH_CAMPAIGN + """

             WHERE b.campaign_id = :id AND b.state = 'CLAIMED' AND o.state = 'QUEUED'""";

    /** Deferred rows of the campaign that a worker is retrying now. */
    public static final String RETRYING = """
            SELECT COUNT(*) FROM outbox WHERE next_attempt_at IS NOT NULL AND\s""" + OF_CAMPAIGN_AMONG_RETRIES
            + " AND state = 'DEFERRED' AND claimed_by IS NOT NULL";

    /**
     * The state of an outbox row as the API and the dossier show it: a queued row of a claimed
     * batch and a deferred row being retried are SENDING (the row itself is written only with its outcome).
     */
    public static final String SHOWN_STATE = """
            CASE WHEN o.state = 'QUEUED' AND EXISTS (SELECT 1 FROM outbox_batch b WHERE b.campaign_id = o.campaign_id
                          AND b.state = 'CLAIMED' AND o.id BETWEEN b.first_row_id AND b.last_row_id) THEN 'SENDING'
                 WHEN o.state = 'DEFERRED' AND o.claimed_by IS NOT NULL THEN 'SENDING'
                 ELSE o.state END""";

    public static final String COUNTS = "SELECT state, COUNT(*) AS n FROM outbox WHERE campaign_id = :id GROUP BY state";

    public static final String SENT_SINCE = "SELECT COUNT(*) FROM outbox WHERE campaign_id = :id AND state = 'SENT' AND sent_at > :since";

    /** Whether any row is left to send: one index probe, where a count read every unfinished row after every batch. */
    public static final String UNFINISHED = """
            SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM outbox_batch WHERE state IN ('QUEUED', 'CLAIMED') AND campaign_id = :id LIMIT 1) AS open_batch)
                 + (SELECT COUNT(*) FROM (SELECT 1 FROM outbox WHERE next_attempt_at IS NOT NULL AND\s""" + OF_CAMPAIGN_AMONG_RETRIES
            + " AND state = 'DEFERRED' LIMIT 1) AS waiting_retry)";

    /**
     * What no worker sends right now: rows of batches not claimed (or whose worker's lease ran out:
     * no one would claim them again in a cancelled campaign), and deferred rows waiting (not being retried).
     */
    public static final String CANCEL_QUEUED = """
            UPDATE outbox SET state = 'CANCELLED', next_attempt_at = NULL, updated_at = :now
             WHERE campaign_id = :id
               AND ((state = 'DEFERRED' AND (claimed_by IS NULL OR next_attempt_at < :now))
                 OR (state = 'QUEUED' AND NOT EXISTS (SELECT 1 FROM outbox_batch b WHERE b.campaign_id = outbox.campaign_id
                                AND b.state = 'CLAIMED' AND b.lease_until >= :now
                                AND outbox.id BETWEEN b.first_row_id AND b.last_row_id)))""";

    public static final String CANCEL_BATCHES = """
            UPDATE outbox_batch SET state = 'DONE', lease_until = NULL, updated_at = :now
             WHERE campaign_id = :id AND (state = 'QUEUED' OR (state = 'CLAIMED' AND lease_until < :now))""";

    public static final String OUTBOX_OF = """
            SELECT * FROM (SELECT o.id, o.contact_id, o.address,\s""" + SHOWN_STATE + " AS state," + """
                                  o.attempts, o.message_id, o.reply_code, o.reply_text, o.sent_at
                             FROM outbox o WHERE o.campaign_id = :id) AS shown
             WHERE :anyState OR state = :state ORDER BY id LIMIT :limit OFFSET :offset""";

    public static final String ROW_BY_TOKEN = "SELECT id, campaign_id, contact_id, address FROM outbox WHERE token = :key";
    public static final String ROWS_BY_TOKENS = "SELECT id, campaign_id, contact_id, address, token FROM outbox WHERE token IN (:keys)";

    // --- GDPR erasure: the copies of an erased contact's address that a campaign keeps, blanked
    // (the rows stay: they prove what was sent and decided, and count in the campaign's figures).

    /** reply_text first, with the old address: a 5xx reply often quotes the recipient. */
    public static final String ERASE_OUTBOX_ADDRESSES = """
            UPDATE outbox SET reply_text = REPLACE(reply_text, address, :erased), address = :erased
             WHERE contact_id = :contactId""";

    public static final String ERASE_DECISION_ADDRESSES = "UPDATE campaign_decision SET address = :erased WHERE contact_id = :contactId";

    /** The reports that may show the contact among their examples; the caller checks the JSON itself. */
    public static final String REPORTS_NAMING = "SELECT id, preflight_report FROM campaign WHERE preflight_report LIKE :pattern";

    public static final String REPLACE_REPORT = "UPDATE campaign SET preflight_report = :report WHERE id = :id";
}
