package nl.mailwijs.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import nl.mailwijs.testing.TestDatabase;

class AdminAccountsTests {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void theFirstStartGeneratesAPasswordOnceAndStoresOnlyItsHash(TestDatabase database) {
        JdbcClient jdbc = JdbcClient.create(database.fresh());
        AdminAccounts accounts = new AdminAccounts(jdbc, encoder, Clock.systemUTC());

        String password = accounts.ensureAdmin(null).orElseThrow();

        assertThat(password).hasSize(20);
        assertThat(accounts.ensureAdmin(null)).as("the second start shows nothing").isEmpty();
        String stored = accounts.loadUserByUsername("admin").getPassword();
        assertThat(stored).startsWith("{bcrypt}").doesNotContain(password);
        assertThat(encoder.matches(password, stored)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aChosenPasswordIsUsedAndNotShown(TestDatabase database) {
        AdminAccounts accounts = new AdminAccounts(JdbcClient.create(database.fresh()), encoder, Clock.systemUTC());

        assertThat(accounts.ensureAdmin("correct horse battery staple")).isEmpty();
        assertThat(encoder.matches("correct horse battery staple", accounts.loadUserByUsername("admin").getPassword())).isTrue();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void fiveWrongPasswordsLockTheAccountForFifteenMinutes(TestDatabase database) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
        AdminAccounts accounts = new AdminAccounts(JdbcClient.create(database.fresh()), encoder, clock);
        accounts.ensureAdmin("secret-secret");

        for (int i = 0; i < AdminAccounts.ATTEMPTS_BEFORE_LOCK - 1; i++) {
            accounts.recordFailure("admin");
        }
        assertThat(accounts.loadUserByUsername("admin").isAccountNonLocked()).isTrue();
        accounts.recordFailure("admin");
        assertThat(accounts.loadUserByUsername("admin").isAccountNonLocked()).isFalse();

        clock.now = clock.now.plus(AdminAccounts.LOCK).plusSeconds(1);
        assertThat(accounts.loadUserByUsername("admin").isAccountNonLocked()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aSuccessfulLoginClearsTheCount(TestDatabase database) {
        AdminAccounts accounts = new AdminAccounts(JdbcClient.create(database.fresh()), encoder, Clock.systemUTC());
        accounts.ensureAdmin("secret-secret");
        for (int i = 0; i < AdminAccounts.ATTEMPTS_BEFORE_LOCK - 1; i++) {
            accounts.recordFailure("admin");
        }

        accounts.recordSuccess("admin");
        accounts.recordFailure("admin");

        assertThat(accounts.loadUserByUsername("admin").isAccountNonLocked()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void anUnknownUserIsNotFound(TestDatabase database) {
        AdminAccounts accounts = new AdminAccounts(JdbcClient.create(database.fresh()), encoder, Clock.systemUTC());

        assertThatThrownBy(() -> accounts.loadUserByUsername("mallory")).isInstanceOf(UsernameNotFoundException.class);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
