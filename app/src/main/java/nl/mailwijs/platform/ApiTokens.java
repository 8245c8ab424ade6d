package nl.mailwijs.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: {@code mw_} and 43 URL-safe characters (256 random bits). Only the SHA-256 is
 * stored; a plain hash suffices because the token itself is random, unlike a password.
 */
@Service
public class ApiTokens {

    private static final String PREFIX = "mw_";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A token that authenticated, with its scope; named "token NAME" wherever who-did-what is recorded. */
    public record Holder(long id, String name, TokenScope scope) implements java.security.Principal {
        @Override
        public String getName() {
            return "token " + name;
        }
    }

    @Transactional
    public String create(String name, TokenScope scope) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("INSERT INTO api_token (name, scope, token_hash, created_at) VALUES (:name, :scope, :hash, :now)")
                .param("name", name)
                .param("scope", scope.column())
                .param("hash", hash(token))
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .update();
        return token;
    }

    /** The holder of a valid, unrevoked token; records when it was last used. */
    @Transactional
    public Optional<Holder> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = hash(token);
        Optional<Holder> holder = jdbc.sql("SELECT id, name, scope FROM api_token WHERE token_hash = :hash AND revoked_at IS NULL")
                .param("hash", hash)
                .query((row, n) -> new Holder(row.getLong("id"), row.getString("name"),
                        TokenScope.fromName(row.getString("scope")).orElseThrow()))
                .optional();
        holder.ifPresent(found -> jdbc.sql("UPDATE api_token SET last_used_at = :now WHERE id = :id")
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .param("id", found.id())
                .update());
        return holder;
    }

    /** A token as listed: never the token itself, which is not stored. */
    public record Listed(long id, String name, TokenScope scope, Instant createdAt, Instant revokedAt, Instant lastUsedAt) {
    }

    public java.util.List<Listed> list() {
        return jdbc.sql("SELECT id, name, scope, created_at, revoked_at, last_used_at FROM api_token ORDER BY id")
                .query((row, n) -> new Listed(row.getLong("id"), row.getString("name"), TokenScope.fromName(row.getString("scope")).orElseThrow(),
                        row.getTimestamp("created_at").toInstant(), instant(row.getTimestamp("revoked_at")), instant(row.getTimestamp("last_used_at"))))
                .list();
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    @Transactional
    public boolean revoke(long id) {
        Instant now = clock.instant();
        return jdbc.sql("UPDATE api_token SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .param("now", java.sql.Timestamp.from(now))
                .param("id", id)
                .update() == 1;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
