package nl.mailwijs.platform;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people who sign in. The first start creates {@code admin} with MAILWIJS_ADMIN_PASSWORD or a
 * generated password that is shown once. Five wrong passwords in a row lock the account for
 * fifteen minutes.
 */
@Service
public class AdminAccounts implements UserDetailsService {

    public static final String ADMIN = "admin";
    static final int ATTEMPTS_BEFORE_LOCK = 5;
    static final Duration LOCK = Duration.ofMinutes(15);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AdminAccounts(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    /**
     * Creates the admin account when there is none.
     *
     * @return the password when it was generated now (to be shown once), else empty
     */
    @Transactional
    public Optional<String> ensureAdmin(String chosenPassword) {
        if (jdbc.sql("SELECT COUNT(*) FROM admin_account").query(Long.class).single() > 0) {
            return Optional.empty();
        }
        boolean generate = chosenPassword == null || chosenPassword.isBlank();
        String password = generate ? generatePassword() : chosenPassword;
        try {
            jdbc.sql("INSERT INTO admin_account (username, password_hash, created_at) VALUES (:name, :hash, :now)")
                    .param("name", ADMIN)
                    .param("hash", encoder.encode(password))
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            // Another Mailwijs on the same database created it at the same moment: that one shows its password.
            return Optional.empty();
        }
        return generate ? Optional.of(password) : Optional.empty();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("SELECT username, password_hash, locked_until FROM admin_account WHERE username = :name")
                .param("name", username)
                .query((row, n) -> {
                    Timestamp lockedUntil = row.getTimestamp("locked_until");
                    boolean locked = lockedUntil != null && lockedUntil.toInstant().isAfter(clock.instant());
                    return User.withUsername(row.getString("username"))
                            .password(row.getString("password_hash"))
                            .accountLocked(locked)
                            .roles("ADMIN")
                            .build();
                })
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }

    @Transactional
    public void recordFailure(String username) {
        Instant now = clock.instant();
        jdbc.sql("""
                UPDATE admin_account
                   SET failed_attempts = failed_attempts + 1,
                       locked_until = CASE WHEN failed_attempts + 1 >= :limit THEN :until ELSE locked_until END
                 WHERE username = :name""")
                .param("limit", ATTEMPTS_BEFORE_LOCK)
                .param("until", Timestamp.from(now.plus(LOCK)))
                .param("name", username)
                .update();
    }

    @Transactional
    public void recordSuccess(String username) {
        jdbc.sql("UPDATE admin_account SET failed_attempts = 0, locked_until = NULL WHERE username = :name")
                .param("name", username)
                .update();
    }

    private String generatePassword() {
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
