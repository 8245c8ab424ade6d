package nl.mailwijs.platform;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

import nl.mailwijs.decisionjson.InvalidRequestException;

/**
 * The people who sign in, each with a {@link UserRole}. The first start creates {@code admin}
 * with MAILWIJS_ADMIN_PASSWORD or a generated password that is shown once; an admin adds the
 * others. Five wrong passwords in a row lock an account for fifteen minutes.
 */
@Service
public class AdminAccounts implements UserDetailsService {

    public static final String ADMIN = "admin";
    static final int ATTEMPTS_BEFORE_LOCK = 5;
    static final Duration LOCK = Duration.ofMinutes(15);
    public static final int MIN_PASSWORD = 12;
    private static final java.util.regex.Pattern USERNAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._@-]{1,99}");
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
        return jdbc.sql("SELECT username, password_hash, locked_until, role FROM admin_account WHERE username = :name")
                .param("name", username)
                .query((row, n) -> {
                    Timestamp lockedUntil = row.getTimestamp("locked_until");
                    boolean locked = lockedUntil != null && lockedUntil.toInstant().isAfter(clock.instant());
                    return User.withUsername(row.getString("username"))
                            .password(row.getString("password_hash"))
                            .accountLocked(locked)
                            .authorities(roleOf(row.getString("role")).authority())
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

    /** One account as an administrator sees it. */
    public record Account(String username, UserRole role, boolean locked, Instant createdAt) {
    }

    public List<Account> accounts() {
        Instant now = clock.instant();
        return jdbc.sql("SELECT username, role, locked_until, created_at FROM admin_account ORDER BY username")
                .query((row, n) -> {
                    Timestamp lockedUntil = row.getTimestamp("locked_until");
                    return new Account(row.getString("username"), roleOf(row.getString("role")),
                            lockedUntil != null && lockedUntil.toInstant().isAfter(now), row.getTimestamp("created_at").toInstant());
                })
                .list();
    }

    /**
     * Adds a person who may sign in.
     *
     * @throws InvalidRequestException naming {@code username} (malformed or taken) or {@code password} (too short)
     */
    @Transactional
    public Account create(String username, String password, UserRole role) {
        String name = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw new InvalidRequestException("username", "2 to 100 characters: lower-case letters, digits, '.', '_', '-' or '@'");
        }
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new InvalidRequestException("password", "at least " + MIN_PASSWORD + " characters");
        }
        java.util.Objects.requireNonNull(role, "role");
        try {
            jdbc.sql("INSERT INTO admin_account (username, password_hash, created_at, role) VALUES (:name, :hash, :now, :role)")
                    .param("name", name)
                    .param("hash", encoder.encode(password))
                    .param("now", Timestamp.from(clock.instant()))
                    .param("role", role.name())
                    .update();
        } catch (DuplicateKeyException e) {
            throw new InvalidRequestException("username", "'" + name + "' exists already");
        }
        return accounts().stream().filter(account -> account.username().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Gives an account another role. The last administrator stays one, so that someone can still
     * manage settings and users.
     */
    @Transactional
    public void changeRole(String username, UserRole role) {
        // Lock the admins first: two changes at once cannot both take away the last one.
        List<String> admins = jdbc.sql("SELECT username FROM admin_account WHERE role = 'ADMIN' ORDER BY username FOR UPDATE")
                .query(String.class).list();
        if (role != UserRole.ADMIN && admins.size() == 1 && admins.getFirst().equals(username)) {
            throw new InvalidRequestException("role", "'" + username + "' is the last administrator; make another one first");
        }
        int changed = jdbc.sql("UPDATE admin_account SET role = :role WHERE username = :name")
                .param("role", role.name()).param("name", username).update();
        if (changed == 0) {
            throw new InvalidRequestException("username", "there is no account '" + username + "'");
        }
    }

    private static UserRole roleOf(String stored) {
        try {
            return stored == null ? UserRole.VIEWER : UserRole.valueOf(stored);
        } catch (IllegalArgumentException e) {
            // A role written outside Mailwijs gives the least rights, never more.
            return UserRole.VIEWER;
        }
    }

    private String generatePassword() {
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
