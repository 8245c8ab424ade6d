package nl.mailwijs.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The two databases every persistence test runs on. Each {@link #fresh()} is an empty,
 * migrated database of its own: a private in-memory H2 (PostgreSQL mode), or a private schema
 * in the PostgreSQL on 127.0.0.1:5432 (database {@code test}, trust authentication).
 *
 * <p>PostgreSQL tests are skipped, and say so, when nothing answers there; with
 * {@code MAILWIJS_REQUIRE_POSTGRES=1} (as {@code .ci/run} sets) they fail instead.
 */
public enum TestDatabase {

    H2 {
        @Override
        public DataSource fresh() {
            String url = "jdbc:h2:mem:" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
            return migrated(new DriverManagerDataSource(url, "sa", ""), null);
        }
    },

    POSTGRESQL {
        @Override
        public DataSource fresh() {
            requireReachable();
            String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            String url = POSTGRES_URL + "?currentSchema=" + schema;
            rememberForCleanUp(schema);
            return migrated(new DriverManagerDataSource(url, POSTGRES_USER, ""), schema);
        }
    };

    public static final String POSTGRES_URL = "jdbc:postgresql://"
            + System.getenv().getOrDefault("MAILWIJS_TEST_POSTGRES_HOST", "127.0.0.1") + ":"
            + System.getenv().getOrDefault("MAILWIJS_TEST_POSTGRES_PORT", "5432") + "/"
            + System.getenv().getOrDefault("MAILWIJS_TEST_POSTGRES_DATABASE", "test");
    public static final String POSTGRES_USER = System.getenv().getOrDefault("MAILWIJS_TEST_POSTGRES_USER", "postgres");

    private static Boolean reachable;
    private static final List<String> CREATED_SCHEMAS = new java.util.ArrayList<>();

    /** An empty database with every migration applied. */
    public abstract DataSource fresh();

    /** Both databases, for {@code @MethodSource("nl.mailwijs.testing.TestDatabase#both")}. */
    public static Stream<TestDatabase> both() {
        return Stream.of(values());
    }

    public String vendor() {
        return name().toLowerCase(Locale.ROOT);
    }

    static void requireReachable() {
        if (reachable == null) {
            try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "")) {
                reachable = connection.isValid(2);
            } catch (SQLException e) {
                reachable = false;
            }
        }
        if (!reachable) {
            String message = "PostgreSQL not reachable at " + POSTGRES_URL + " as " + POSTGRES_USER;
            if ("1".equals(System.getenv("MAILWIJS_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException(message + ", and MAILWIJS_REQUIRE_POSTGRES=1 makes it required");
            }
            Assumptions.abort(message + ": PostgreSQL test skipped");
        }
    }

    DataSource migrated(DataSource dataSource, String schema) {
        var flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor())
                .failOnMissingLocations(false);
        if (schema != null) {
            flyway.schemas(schema).createSchemas(true);
        }
        flyway.load().migrate();
        return dataSource;
    }

    private static synchronized void rememberForCleanUp(String schema) {
        if (CREATED_SCHEMAS.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchemas(CREATED_SCHEMAS), "drop-test-schemas"));
        }
        CREATED_SCHEMAS.add(schema);
    }

    /** Drops the private PostgreSQL schemas this JVM made, when the tests are done. */
    private static void dropSchemas(List<String> schemas) {
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
             Statement statement = connection.createStatement()) {
            for (String schema : schemas) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            // Leftover schemas only cost space in a test database.
        }
    }
}
