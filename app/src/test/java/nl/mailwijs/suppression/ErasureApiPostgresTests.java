package nl.mailwijs.suppression;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import nl.mailwijs.testing.PostgresForSpring;

/** {@link ErasureApiTests} on PostgreSQL. */
class ErasureApiPostgresTests extends ErasureApiTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry properties) {
        PostgresForSpring.use(properties);
    }
}
