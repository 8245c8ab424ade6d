package nl.mailwijs.platform;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Secrets the server makes once and keeps in the database, so that every process on it signs
 * and checks with the same key (unsubscribe and bounce tokens). 32 random bytes each.
 */
@Component
public class ServerSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    public ServerSecrets(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The secret of this name, made on first use; two processes asking at once get the same one. */
    public byte[] secret(String name) {
        Optional<String> stored = read(name);
        if (stored.isEmpty()) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            try {
                jdbc.sql("INSERT INTO server_secret (name, secret, created_at) VALUES (:name, :secret, :now)")
                        .param("name", name)
                        .param("secret", Base64.getEncoder().encodeToString(fresh))
                        .param("now", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                        .update();
            } catch (DuplicateKeyException e) {
                // another process made it first: its secret is the one
            }
            stored = read(name);
        }
        return Base64.getDecoder().decode(stored.orElseThrow());
    }

    private Optional<String> read(String name) {
        return jdbc.sql("SELECT secret FROM server_secret WHERE name = :name").param("name", name).query(String.class).optional();
    }
}
