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
     * Due rows of campaigns that are sending: queued, or deferred and due again. SKIP LOCKED: rows
     * another worker is claiming right now are passed over, not waited for. No ORDER BY: sorting
     * every due row to take a hundred made each claim read the whole queue; the index on (state,
     * next_attempt_at) hands out the first hundred it finds.
     */
    public static final String CLAIMABLE_DUE = """
            SELECT o.id, o.campaign_id, o.contact_id, o.address, o.token, o.attempts, o.next_attempt_at
              FROM outbox o
             WHERE o.state IN ('QUEUED', 'DEFERRED') AND o.next_attempt_at <= :now
               AND o.campaign_id IN (SELECT c.id FROM campaign c WHERE c.state = 'SENDING')
             LIMIT :limit
               FOR UPDATE SKIP LOCKED""";

    /** {@link #CLAIMABLE_DUE} from a position in the index of due rows on: (due time, id) after the one given. */
    public static final String CLAIMABLE_DUE_AFTER = """
            SELECT o.id, o.campaign_id, o.contact_id, o.address, o.token, o.attempts, o.next_attempt_at
              FROM outbox o
             WHERE o.state IN ('QUEUED', 'DEFERRED') AND o.next_attempt_at <= :now
               AND (o.next_attempt_at, o.id) > (:afterDue, :afterId)
               AND o.campaign_id IN (SELECT c.id FROM campaign c WHERE c.state = 'SENDING')
             LIMIT :limit
               FOR UPDATE SKIP LOCKED""";

    /** Rows claimed by a worker whose lease ran out (it died, or stalled, mid-batch). */
    public static final String CLAIMABLE_EXPIRED = """
            SELECT o.id, o.campaign_id, o.contact_id, o.address, o.token, o.attempts, o.next_attempt_at
              FROM outbox o
             WHERE o.state = 'SENDING' AND o.lease_until < :now
               AND o.campaign_id IN (SELECT c.id FROM campaign c WHERE c.state = 'SENDING')
             LIMIT :limit
               FOR UPDATE SKIP LOCKED""";

    public static final String CLAIM = """
            UPDATE outbox SET state = 'SENDING', claimed_by = :worker, lease_until = :lease, attempts = attempts + 1, updated_at = :now
             WHERE id IN (:ids)""";

    /**
     * "While this worker still holds the row" is written as a CASE so that only {@code id = ?} can
     * pick an index: PostgreSQL's generic plan otherwise scanned the whole partial index of rows
     * being sent (state = 'SENDING') for the one id, milliseconds per message in a large outbox.
     */
    private static final String HELD_BY = "CASE WHEN state = 'SENDING' THEN claimed_by END = ?";

    public static final String SENT = """
            UPDATE outbox SET state = 'SENT', message_id = ?, reply_code = ?, reply_text = ?, sent_at = ?, lease_until = NULL,
                   updated_at = ?
             WHERE id = ? AND\s""" + HELD_BY;

    /** Before each chunk: the lease is extended, for the rows this worker still holds (a slow batch may have lost some). */
    public static final String RENEW = """
            UPDATE outbox SET lease_until = ?, updated_at = ? WHERE id = ? AND\s""" + HELD_BY;

    public static final String NOT_SENT = """
            UPDATE outbox SET state = ?, next_attempt_at = ?, reply_code = ?, reply_text = ?, lease_until = NULL, updated_at = ?
             WHERE id = ? AND\s""" + HELD_BY;

    public static final String COUNTS = "SELECT state, COUNT(*) AS n FROM outbox WHERE campaign_id = :id GROUP BY state";

    public static final String SENT_SINCE = "SELECT COUNT(*) FROM outbox WHERE campaign_id = :id AND state = 'SENT' AND sent_at > :since";

    /** Whether any row is left to send: one index probe, where a count read every unfinished row after every batch. */
    public static final String UNFINISHED = """
            SELECT COUNT(*) FROM (SELECT 1 FROM outbox WHERE campaign_id = :id AND state IN ('QUEUED', 'DEFERRED', 'SENDING') LIMIT 1) AS left_to_send""";

    public static final String CANCEL_QUEUED = """
            UPDATE outbox SET state = 'CANCELLED', updated_at = :now WHERE campaign_id = :id AND state IN ('QUEUED', 'DEFERRED')""";

    public static final String OUTBOX_OF = """
            SELECT id, contact_id, address, state, attempts, message_id, reply_code, reply_text, sent_at
              FROM outbox WHERE campaign_id = :id AND (:anyState OR state = :state) ORDER BY id LIMIT :limit OFFSET :offset""";

    public static final String ROW_BY_TOKEN = "SELECT id, campaign_id, contact_id, address FROM outbox WHERE token = :key";

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
