package nl.mailwijs.testing;

import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring Boot test at a fresh, migrated schema of the PostgreSQL on 127.0.0.1 (see
 * {@link TestDatabase}): a subclass of an API test runs the same test there with
 * {@code @DynamicPropertySource static void postgres(DynamicPropertyRegistry r) { PostgresForSpring.use(r); }},
 * which outranks the H2 URL the test's {@code @SpringBootTest} names.
 */
public final class PostgresForSpring {

    private PostgresForSpring() {
    }

    public static void use(DynamicPropertyRegistry properties) {
        DriverManagerDataSource schema = (DriverManagerDataSource) TestDatabase.POSTGRESQL.fresh();
        properties.add("spring.datasource.url", schema::getUrl);
        properties.add("spring.datasource.username", schema::getUsername);
        properties.add("spring.datasource.password", () -> "");
    }
}
