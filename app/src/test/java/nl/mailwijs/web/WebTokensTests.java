package nl.mailwijs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.mailwijs.platform.AdminAccounts;
import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.UserRole;

/**
 * The API tokens page: an administrator creates a token, sees its secret once, and the token
 * then works against the API until it is revoked; marketers and viewers cannot reach the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:web-tokens;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "MAILWIJS_ADMIN_PASSWORD=" + WebTokensTests.PASSWORD, "mailwijs.sending.enabled=false"})
class WebTokensTests {

    static final String PASSWORD = "web-tokens-password";
    private static final Pattern SECRET = Pattern.compile("value=\"(mw_[A-Za-z0-9_-]{43})\"");

    @LocalServerPort
    int port;

    @Autowired
    AdminAccounts accounts;

    @Autowired
    ApiTokens tokens;

    @Test
    void aCreatedTokenIsShownOnceWorksWithBearerAndStopsWorkingWhenRevoked() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        assertThat(admin.get("/tokens").body()).contains("href=\"/tokens\"", "Sleutel maken");

        HttpResponse<String> created = admin.post("/tokens", Map.of("name", "Webwinkel", "scope", "READ"));

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying(cache -> assertThat(cache).contains("no-store"));
        assertThat(created.body()).contains("Sleutel voor Webwinkel gemaakt", "U ziet hem maar één keer");
        Matcher secret = SECRET.matcher(created.body());
        assertThat(secret.find()).as(created.body()).isTrue();
        String token = secret.group(1);
        HttpResponse<String> list = admin.get("/tokens");
        assertThat(list.body()).as("listed, never the secret again").contains("Webwinkel", "lezen", "Nog nooit").doesNotContain(token, "mw_");

        assertThat(api("GET", "/api/v1/contacts", token)).isEqualTo(200);
        assertThat(api("POST", "/api/v1/contacts", token)).as("a read token does not write").isEqualTo(403);
        ApiTokens.Listed listed = tokens.list().stream().filter(found -> found.name().equals("Webwinkel")).findFirst().orElseThrow();
        assertThat(listed.lastUsedAt()).isNotNull();
        long id = listed.id();
        HttpResponse<String> revoked = admin.post("/tokens/" + id + "/revoke", Map.of());
        assertThat(revoked.statusCode()).isEqualTo(302);
        assertThat(admin.get("/tokens").body()).contains("De sleutel Webwinkel is ingetrokken", "Ingetrokken op");
        assertThat(api("GET", "/api/v1/contacts", token)).isEqualTo(401);
    }

    @Test
    void aWriteTokenWritesAndABadNameOrScopeCreatesNothing() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        admin.get("/tokens");
        int before = tokens.list().size();

        HttpResponse<String> nameless = admin.post("/tokens", Map.of("name", "  ", "scope", "WRITE"));
        assertThat(nameless.body()).contains("Geef de sleutel een naam van 1 tot 200 tekens.").doesNotContain("value=\"mw_");
        HttpResponse<String> scopeless = admin.post("/tokens", Map.of("name", "Script", "scope", "ADMIN"));
        assertThat(scopeless.body()).contains("Kies lezen of schrijven.");
        assertThat(tokens.list()).hasSize(before);

        Matcher secret = SECRET.matcher(admin.post("/tokens", Map.of("name", "Script", "scope", "WRITE")).body());
        assertThat(secret.find()).isTrue();
        assertThat(api("POST", "/api/v1/contacts", secret.group(1))).as("past security: refused for content").isEqualTo(400);
    }

    @Test
    void marketersAndViewersCannotSeeOrCreateTokens() throws Exception {
        accounts.create("tokens-marketeer", "tokens-marketeer-password", UserRole.MARKETER);
        accounts.create("tokens-kijker", "tokens-kijker-password", UserRole.VIEWER);
        int before = tokens.list().size();

        for (String user : new String[] {"tokens-marketeer", "tokens-kijker"}) {
            WebSession session = new WebSession(port).signIn(user, user + "-password");
            assertThat(session.get("/").body()).as(user).doesNotContain("href=\"/tokens\"");
            assertThat(session.get("/tokens").statusCode()).as(user).isEqualTo(403);
            assertThat(session.post("/tokens", Map.of("name", "stiekem", "scope", "WRITE")).statusCode()).as(user).isEqualTo(403);
            assertThat(session.post("/tokens/1/revoke", Map.of()).statusCode()).as(user).isEqualTo(403);
        }
        assertThat(tokens.list()).hasSize(before);
    }

    private int api(String method, String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
