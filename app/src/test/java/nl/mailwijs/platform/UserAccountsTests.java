package nl.mailwijs.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.testing.TestDatabase;

/** Accounts with roles: the first admin stays admin, others get the role they are given, and the last admin cannot be demoted. */
class UserAccountsTests {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void anAdminAddsAMarketerAndAViewerWhoSignInWithTheirRole(TestDatabase database) {
        AdminAccounts accounts = new AdminAccounts(JdbcClient.create(database.fresh()), encoder, Clock.systemUTC());
        accounts.ensureAdmin("first-admin-password");

        accounts.create(" Marketing@Shop.NL ", "marketing-password", UserRole.MARKETER);
        accounts.create("kijker", "viewer-password-1", UserRole.VIEWER);

        assertThat(authority(accounts, "admin")).isEqualTo("ROLE_ADMIN");
        assertThat(authority(accounts, "marketing@shop.nl")).isEqualTo("ROLE_MARKETER");
        assertThat(authority(accounts, "kijker")).isEqualTo("ROLE_VIEWER");
        assertThat(encoder.matches("viewer-password-1", accounts.loadUserByUsername("kijker").getPassword())).isTrue();
        assertThat(accounts.accounts()).extracting(AdminAccounts.Account::username, AdminAccounts.Account::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("admin", UserRole.ADMIN),
                org.assertj.core.groups.Tuple.tuple("kijker", UserRole.VIEWER),
                org.assertj.core.groups.Tuple.tuple("marketing@shop.nl", UserRole.MARKETER));
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aTakenOrMalformedNameOrAShortPasswordIsRefusedNamingTheField(TestDatabase database) {
        AdminAccounts accounts = new AdminAccounts(JdbcClient.create(database.fresh()), encoder, Clock.systemUTC());
        accounts.ensureAdmin("first-admin-password");

        assertThatThrownBy(() -> accounts.create("admin", "long-enough-password", UserRole.VIEWER))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("username"));
        assertThatThrownBy(() -> accounts.create("<script>", "long-enough-password", UserRole.VIEWER))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("username"));
        assertThatThrownBy(() -> accounts.create("piet", "short", UserRole.VIEWER))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("password"));
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void theLastAdminStaysAdminButAnotherMayBeDemoted(TestDatabase database) {
        AdminAccounts accounts = new AdminAccounts(JdbcClient.create(database.fresh()), encoder, Clock.systemUTC());
        accounts.ensureAdmin("first-admin-password");

        assertThatThrownBy(() -> accounts.changeRole("admin", UserRole.VIEWER))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("role"));
        accounts.create("tweede", "second-admin-password", UserRole.ADMIN);
        accounts.changeRole("admin", UserRole.VIEWER);

        assertThat(authority(accounts, "admin")).isEqualTo("ROLE_VIEWER");
        assertThatThrownBy(() -> accounts.changeRole("nobody", UserRole.VIEWER)).isInstanceOf(InvalidRequestException.class);
    }

    private static String authority(AdminAccounts accounts, String username) {
        return accounts.loadUserByUsername(username).getAuthorities().stream().map(GrantedAuthority::getAuthority).findFirst().orElseThrow();
    }
}
