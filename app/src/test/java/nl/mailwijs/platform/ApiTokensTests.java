package nl.mailwijs.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.mailwijs.testing.TestDatabase;

class ApiTokensTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aCreatedTokenAuthenticatesWithItsScopeAndOnlyItsHashIsStored(TestDatabase database) {
        JdbcClient jdbc = JdbcClient.create(database.fresh());
        ApiTokens tokens = new ApiTokens(jdbc, CLOCK);

        String token = tokens.create("web shop", TokenScope.WRITE);

        assertThat(token).startsWith("mw_").hasSize(46);
        assertThat(tokens.authenticate(token)).hasValueSatisfying(holder -> {
            assertThat(holder.name()).isEqualTo("web shop");
            assertThat(holder.scope()).isEqualTo(TokenScope.WRITE);
        });
        assertThat(jdbc.sql("SELECT token_hash FROM api_token").query(String.class).single())
                .isEqualTo(ApiTokens.hash(token))
                .isNotEqualTo(token);
        assertThat(jdbc.sql("SELECT last_used_at FROM api_token").query(java.sql.Timestamp.class).single().toInstant())
                .isEqualTo(CLOCK.instant());
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void unknownMalformedAndRevokedTokensDoNotAuthenticate(TestDatabase database) {
        JdbcClient jdbc = JdbcClient.create(database.fresh());
        ApiTokens tokens = new ApiTokens(jdbc, CLOCK);
        String token = tokens.create("script", TokenScope.READ);
        long id = jdbc.sql("SELECT id FROM api_token").query(Long.class).single();

        assertThat(tokens.authenticate("mw_" + "x".repeat(43))).isEmpty();
        assertThat(tokens.authenticate("not-a-token")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.revoke(id)).isTrue();
        assertThat(tokens.revoke(id)).as("already revoked").isFalse();
        assertThat(tokens.authenticate(token)).isEmpty();
    }
}
