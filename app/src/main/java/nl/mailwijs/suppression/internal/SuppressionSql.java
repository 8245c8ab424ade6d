package nl.mailwijs.suppression.internal;

/** The SQL of the suppression list, in one place, with named parameters only. Rows are only ever added. */
public final class SuppressionSql {

    private SuppressionSql() {
    }

    public static final String INSERT = """
            INSERT INTO objection_suppression (address_hmac, all_channels, channels, topics, objected_at, via, cause, created_at)
            VALUES (:hmac, :allChannels, :channels, :topics, :objectedAt, :via, :cause, :now)""";

    private static final String COLUMNS =
            "SELECT id, address_hmac, all_channels, channels, topics, objected_at, via, cause, created_at FROM objection_suppression";

    public static final String BY_HMACS = COLUMNS + " WHERE address_hmac IN (:hmacs) ORDER BY id";

    /**
     * Rows are never updated or deleted, so their number changes whenever a row was added: a
     * cached copy of the list is current while it is the same. The highest id tells a copy read
     * inside a transaction that later rolled back (ids are not handed out twice).
     */
    public static final String FINGERPRINT = "SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS last_id FROM objection_suppression";

    public static final String ALL = COLUMNS + " ORDER BY id";
}
