package nl.mailwijs.suppressions.internal;

/** The SQL of the suppressions module, with named parameters only. */
public final class SuppressionsSql {

    private SuppressionsSql() {
    }

    public static final String INSERT_BOUNCE = """
            INSERT INTO address_bounce (address, address_key, kind, source, status, diagnostic, bounced_at, inbound_message_id, outbox_id,
                                        campaign_id)
            VALUES (:address, :key, :kind, :source, :status, :diagnostic, :at, :inboundMessageId, :outboxId, :campaignId)""";

    /**
     * Soft and refused bounces of an address since a moment, counted per message: a message whose
     * delivery is delayed often sends a warning or two before its final report, and that is one
     * message that did not arrive, not three. A bounce without a message counts on its own.
     */
    public static final String SOFT_SINCE = """
            SELECT COUNT(DISTINCT COALESCE(outbox_id, -id)) FROM address_bounce
             WHERE address_key = :key AND kind IN ('SOFT', 'REFUSED') AND bounced_at > :since""";

    /** When the address's last suppression was lifted: soft bounces before it no longer count. */
    public static final String LAST_LIFT = "SELECT MAX(lifted_at) FROM address_suppression WHERE address_key = :key";

    private static final String SUPPRESSION_COLUMNS = """
            SELECT id, address, reason, scope, status, diagnostic, suppressed_at, bounce_id, inbound_message_id, outbox_id, campaign_id,
                   lifted_at, lifted_by, lift_note
              FROM address_suppression""";

    public static final String IN_FORCE_BY_KEY = SUPPRESSION_COLUMNS + " WHERE active_key = :key";

    public static final String IN_FORCE_AMONG = SUPPRESSION_COLUMNS + " WHERE active_key IN (:keys)";

    /** Every suppression in force, for a pre-flight: one read instead of one per page of recipients. */
    public static final String ALL_IN_FORCE = SUPPRESSION_COLUMNS + " WHERE active_key IS NOT NULL";

    public static final String BY_ID = SUPPRESSION_COLUMNS + " WHERE id = :id";

    public static final String INSERT_SUPPRESSION = """
            INSERT INTO address_suppression (address, address_key, active_key, reason, scope, status, diagnostic, suppressed_at, bounce_id,
                                             inbound_message_id, outbox_id, campaign_id)
            VALUES (:address, :key, :key, :reason, :scope, :status, :diagnostic, :at, :bounceId, :inboundMessageId, :outboxId, :campaignId)""";

    public static final String LIFT = """
            UPDATE address_suppression SET active_key = NULL, lifted_at = :at, lifted_by = :by, lift_note = :note
             WHERE id = :id AND active_key IS NOT NULL""";

    public static final String LIST = SUPPRESSION_COLUMNS + "\n" + """
             WHERE (:anyAddress OR address_key = :key) AND (:withLifted OR active_key IS NOT NULL)
             ORDER BY id DESC LIMIT :limit OFFSET :offset""";

    public static final String COUNT = """
            SELECT COUNT(*) FROM address_suppression
             WHERE (:anyAddress OR address_key = :key) AND (:withLifted OR active_key IS NOT NULL)""";

    public static final String BOUNCES = """
            SELECT id, address, kind, source, status, diagnostic, bounced_at, inbound_message_id, outbox_id, campaign_id
              FROM address_bounce
             WHERE (:anyAddress OR address_key = :key)
             ORDER BY id DESC LIMIT :limit OFFSET :offset""";

    public static final String COUNT_BOUNCES = "SELECT COUNT(*) FROM address_bounce WHERE (:anyAddress OR address_key = :key)";

    /** An erased contact's suppressions: no address, no diagnostic (it quotes the address), lifted. */
    public static final String ERASE_SUPPRESSIONS = """
            UPDATE address_suppression SET address = :erased, address_key = :erased, diagnostic = NULL, active_key = NULL,
                   lifted_at = COALESCE(lifted_at, :at), lifted_by = COALESCE(lifted_by, 'GDPR erasure')
             WHERE address_key IN (:keys)""";

    /** The bounces of an erased contact's addresses: kept as counts, without address or diagnostic. */
    public static final String ERASE_BOUNCES = """
            UPDATE address_bounce SET address = :erased, address_key = :erased, diagnostic = NULL WHERE address_key IN (:keys)""";
}
