package nl.mailwijs.delivery.internal;

/** The SQL of the sender's DKIM keys, with named parameters only. */
public final class DkimKeysSql {

    private DkimKeysSql() {
    }

    /** Every change takes this row lock first: changes to the keys happen one after the other. */
    public static final String RAISE_REVISION = "UPDATE dkim_key_revision SET revision = revision + 1 WHERE id = 1";

    public static final String REVISION = "SELECT revision FROM dkim_key_revision WHERE id = 1";

    public static final String INSERT_KEY = """
            INSERT INTO dkim_key (domain, selector, algorithm, key_bits, sealed_private_key, public_key, active, created_at, created_by)
            VALUES (:domain, :selector, :algorithm, :bits, :sealed, :publicKey, :active, :now, :by)""";

    public static final String SELECTOR_TAKEN = "SELECT id FROM dkim_key WHERE domain = :domain AND selector = :selector";

    /** Never the sealed private key: what may be shown. */
    private static final String KEY_COLUMNS = "SELECT id, domain, selector, algorithm, key_bits, public_key, active, created_at, created_by FROM dkim_key";

    public static final String KEYS = KEY_COLUMNS + " ORDER BY domain, selector, id";

    public static final String KEY_BY_ID = KEY_COLUMNS + " WHERE id = :id";

    public static final String KEY_BY_SELECTOR = KEY_COLUMNS + " WHERE domain = :domain AND selector = :selector";

    public static final String ACTIVE_OTHERS = KEY_COLUMNS
            + " WHERE domain = :domain AND algorithm = :algorithm AND active AND id <> :id ORDER BY id";

    public static final String SET_ACTIVE = "UPDATE dkim_key SET active = :active WHERE id = :id";

    public static final String DEACTIVATE_OTHERS =
            "UPDATE dkim_key SET active = FALSE WHERE domain = :domain AND algorithm = :algorithm AND active AND id <> :id";

    public static final String DELETE_KEY = "DELETE FROM dkim_key WHERE id = :id";

    /** What signing needs, for the keys in use only. */
    public static final String ACTIVE_SEALED = """
            SELECT id, domain, selector, algorithm, sealed_private_key FROM dkim_key WHERE active ORDER BY domain, id""";
}
