package nl.mailwijs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.mailwijs.platform.AdminAccounts;

/**
 * Signing in to the web application over real HTTP: the form, its CSRF token, a new session id
 * after sign-in, the lock-out, the security headers, the language; and the API beside it still
 * answering with 401 problem documents.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:web-sign-in;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "MAILWIJS_ADMIN_PASSWORD=" + WebSignInTests.PASSWORD})
class WebSignInTests {

    static final String PASSWORD = "web-admin-password";

    @LocalServerPort
    int port;

    @Autowired
    AdminAccounts accounts;

    @BeforeEach
    void admin() {
        accounts.ensureAdmin(PASSWORD);
        accounts.recordSuccess(AdminAccounts.ADMIN);
    }

    @Test
    void aPageWithoutSignInSendsThePersonToTheSignInForm() throws Exception {
        HttpResponse<String> response = new WebSession(port).get("/contacts");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    }

    @Test
    void theSignInFormIsDutchByDefaultWithACsrfTokenAndStrictHeaders() throws Exception {
        HttpResponse<String> page = new WebSession(port).get("/login");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"nl\"", "Aanmelden bij Mailwijs", "<label for=\"username\">Gebruikersnaam</label>",
                "name=\"_csrf\"", "/vendor/htmx/htmx.min.js");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'self'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(page.body()).doesNotContain("<script>", "style=\"", " onclick=");
    }

    @Test
    void signingInGivesANewSessionIdAndTheDashboard() throws Exception {
        WebSession browser = new WebSession(port);
        browser.get("/login");
        String before = browser.sessionId();

        HttpResponse<String> signedIn = browser.post("/login", Map.of("username", "admin", "password", PASSWORD));

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
        assertThat(before).isNotNull();
        assertThat(browser.sessionId()).as("session fixation protection").isNotNull().isNotEqualTo(before);
        HttpResponse<String> dashboard = browser.get("/");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Overzicht", "Aangemeld als admin");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
        WebSession browser = new WebSession(port);
        browser.get("/login");

        HttpResponse<String> withoutToken = browser.postExactly("/login", Map.of("username", "admin", "password", PASSWORD));

        assertThat(withoutToken.statusCode()).isEqualTo(403);
        browser.signIn("admin", PASSWORD);
        browser.get("/");
        assertThat(browser.postExactly("/logout", Map.of()).statusCode()).as("sign-out without token").isEqualTo(403);
        assertThat(browser.post("/logout", Map.of()).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login?signedOut"));
    }

    @Test
    void aWrongPasswordSaysSoAndFiveLockTheAccount() throws Exception {
        WebSession browser = new WebSession(port);
        browser.get("/login");
        HttpResponse<String> wrong = browser.post("/login", Map.of("username", "admin", "password", "wrong"));
        assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
        assertThat(browser.get("/login?error").body()).contains("Gebruikersnaam of wachtwoord klopt niet.");

        for (int attempt = 2; attempt <= 5; attempt++) {
            browser.post("/login", Map.of("username", "admin", "password", "wrong"));
        }
        browser.post("/login", Map.of("username", "admin", "password", PASSWORD));

        assertThat(browser.get("/login?error").body()).contains("tijdelijk geblokkeerd");
        accounts.recordSuccess(AdminAccounts.ADMIN);
    }

    @Test
    void langEnSwitchesToEnglishAndACookieKeepsIt() throws Exception {
        WebSession browser = new WebSession(port);

        assertThat(browser.get("/login?lang=en").body()).contains("<html lang=\"en\"", "Sign in to Mailwijs");
        assertThat(browser.get("/login").body()).as("remembered").contains("Sign in to Mailwijs");
        assertThat(browser.get("/login?lang=nl").body()).contains("Aanmelden bij Mailwijs");
        assertThat(browser.get("/login?lang=fr").body()).as("no French: stays as chosen").contains("Aanmelden bij Mailwijs");
    }

    @Test
    void theApiStillAnswers401WithAProblemDocumentAndNoRedirect() throws Exception {
        HttpResponse<String> response = new WebSession(port).get("/api/v1/contacts");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }
}
