package nl.mailwijs.notifications;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import nl.mailwijs.testing.PostgresForSpring;

/** {@link NotificationApiTests} on PostgreSQL. */
class NotificationApiPostgresTests extends NotificationApiTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry properties) {
        PostgresForSpring.use(properties);
    }
}
