package nl.mailwijs.notifications.internal;

/** The SQL of the sender's notifications, in one place, with named parameters only. */
public final class NotificationSql {

    private NotificationSql() {
    }

    public static final String INSERT = """
            INSERT INTO objection_notification (target, recipient, contact_id, evidence_record_id, address, via, all_channels, channels,
                                                topics, objected_at, state, attempts, due_at, created_at)
            VALUES (:target, :recipient, :contactId, :recordId, :address, :via, :allChannels, :channels, :topics, :objectedAt, 'PENDING', 0,
                    :dueAt, :now)""";

    /** Who has something due: each target and recipient gets its own messages. */
    public static final String DUE_RECIPIENTS = """
            SELECT DISTINCT target, COALESCE(recipient, '') AS recipient FROM objection_notification
             WHERE state = 'PENDING' AND due_at <= :now""";

    /**
     * Due rows of one recipient, oldest first. SKIP LOCKED: rows another worker is claiming right
     * now are passed over; the claim then moves their due_at forward as a lease, so a worker that
     * dies while delivering leaves them to be tried again when it ends.
     */
    public static final String CLAIMABLE = """
            SELECT id FROM objection_notification
             WHERE state = 'PENDING' AND due_at <= :now AND target = :target AND COALESCE(recipient, '') = :recipient
             ORDER BY id
             LIMIT :limit
               FOR UPDATE SKIP LOCKED""";

    public static final String LEASE = "UPDATE objection_notification SET due_at = :lease WHERE id IN (:ids)";

    private static final String COLUMNS = """
            SELECT id, target, recipient, contact_id, evidence_record_id, address, via, all_channels, channels, topics, objected_at, state,
                   attempts, due_at, last_error, delivered_at, created_at
              FROM objection_notification""";

    public static final String BY_IDS = COLUMNS + " WHERE id IN (:ids) ORDER BY id";

    public static final String DELIVERED = """
            UPDATE objection_notification SET state = 'DELIVERED', attempts = attempts + 1, delivered_at = :now, last_error = NULL
             WHERE id IN (:ids)""";

    /** A failed attempt: due again after the back-off, or FAILED once the attempts are used up. */
    public static final String ATTEMPT_FAILED = """
            UPDATE objection_notification
               SET attempts = attempts + 1, last_error = :error, due_at = :retryAt,
                   state = CASE WHEN attempts + 1 >= :maxAttempts THEN 'FAILED' ELSE 'PENDING' END
             WHERE id IN (:ids)""";

    /** By contact, or by the address of an objection no contact had (compared ignoring case, as it was typed). */
    public static final String ABOUT = COLUMNS + " WHERE contact_id IN (:contacts) OR LOWER(address) = LOWER(:address) ORDER BY id";

    public static final String PAGE = COLUMNS + " WHERE (:anyState OR state = :state) ORDER BY id DESC LIMIT :limit OFFSET :offset";
}
