package nl.mailwijs.platform;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Counts wrong passwords towards the lock-out and clears the count on success. */
@Component
class LoginAttempts {

    private final AdminAccounts accounts;

    LoginAttempts(AdminAccounts accounts) {
        this.accounts = accounts;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        accounts.recordFailure(String.valueOf(event.getAuthentication().getPrincipal()));
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (!(event.getAuthentication().getPrincipal() instanceof ApiTokens.Holder)) {
            accounts.recordSuccess(event.getAuthentication().getName());
        }
    }
}
