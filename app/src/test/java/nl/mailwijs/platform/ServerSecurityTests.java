package nl.mailwijs.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The real server on a random port, over real HTTP: who may do what, and what a client sees
 * when it may not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:server-security;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "MAILWIJS_ADMIN_PASSWORD=test-admin-password"})
class ServerSecurityTests {

    private static final String ADMIN_PASSWORD = "test-admin-password";

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    AdminAccounts accounts;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthNeedsNoLogin() throws Exception {
        HttpResponse<String> response = send(get("/actuator/health"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void everyApiCallWithoutLoginIs401WithAProblemDocument() throws Exception {
        for (HttpRequest request : new HttpRequest[] {
                post("/api/v1/decisions", request()), get("/api/v1/contacts"), post("/api/v1/imports", "{}"), get("/actuator/metrics")}) {
            HttpResponse<String> response = send(request);

            assertThat(response.statusCode()).as(request.uri().toString()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        }
    }

    @Test
    void anUnknownTokenIs401() throws Exception {
        HttpResponse<String> response = send(withToken(post("/api/v1/decisions", request()), "mw_" + "A".repeat(43)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("unknown or revoked");
    }

    @Test
    void aReadTokenMayDecideButNotChange() throws Exception {
        String read = tokens.create("test", TokenScope.READ);

        assertThat(send(withToken(post("/api/v1/decisions", request()), read)).statusCode()).isEqualTo(200);
        assertThat(send(withToken(post("/api/v1/imports", "{}"), read)).statusCode()).isEqualTo(403);
    }

    @Test
    void aWriteTokenMayChange() throws Exception {
        String write = tokens.create("test", TokenScope.WRITE);

        // Past security the empty contact is refused for what it lacks (400), not for who sent it (403).
        assertThat(send(withToken(post("/api/v1/contacts", "{}"), write)).statusCode()).isEqualTo(400);
    }

    @Test
    void theAdminSignsInWithBasicAuthAndAWrongPasswordIs401() throws Exception {
        accounts.ensureAdmin(ADMIN_PASSWORD);

        assertThat(send(withBasic(post("/api/v1/decisions", request()), "admin", ADMIN_PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(send(withBasic(post("/api/v1/decisions", request()), "admin", "wrong")).statusCode()).isEqualTo(401);
        accounts.recordSuccess("admin");
    }

    @Test
    void aDecisionIsTheSameJsonAsTheCommandLinesAndFollowsAcceptLanguage() throws Exception {
        String read = tokens.create("test", TokenScope.READ);

        HttpResponse<String> dutch = send(withToken(post("/api/v1/decisions", request()), read));
        HttpResponse<String> english = send(withToken(HttpRequest.newBuilder(uri("/api/v1/decisions"))
                .header("Content-Type", "application/json").header("Accept-Language", "en-GB,en;q=0.9,nl;q=0.5")
                .POST(HttpRequest.BodyPublishers.ofString(request())), read));

        assertThat(dutch.body()).startsWith("{\"verdict\":\"ALLOW\",\"basis\":\"SOFT_OPT_IN\"").contains("Soft opt-in: aankoop o-77");
        assertThat(english.body()).contains("Soft opt-in: purchase o-77");
        assertThat(english.headers().firstValue("Content-Language")).hasValue("en");
    }

    @Test
    void aBadRequestIs400NamingTheField() throws Exception {
        String read = tokens.create("test", TokenScope.READ);

        HttpResponse<String> response = send(withToken(post("/api/v1/decisions", request().replace("\"EMAIL\"", "\"FAX\"")), read));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"field\":\"recipient.channel\"").doesNotContain("Exception");
    }

    @Test
    void anOversizedBodyIs413() throws Exception {
        String read = tokens.create("test", TokenScope.READ);

        HttpResponse<String> response = send(withToken(post("/api/v1/decisions", " ".repeat(1_100_000)), read));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void theOpenApiDocumentNeedsALoginAndDescribesTheApi() throws Exception {
        String read = tokens.create("test", TokenScope.READ);

        assertThat(send(get("/v3/api-docs")).statusCode()).isEqualTo(401);
        HttpResponse<String> document = send(withToken(get("/v3/api-docs"), read));
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("\"title\":\"Mailwijs API\"", "/api/v1/decisions", "/api/v1/settings");
    }

    // --- helpers

    private static String request() throws IOException {
        return Files.readString(Path.of("../examples/requests/soft-opt-in-customer.json"));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET().build();
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest withToken(HttpRequest request, String token) {
        return HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", "Bearer " + token).build();
    }

    private static HttpRequest withToken(HttpRequest.Builder request, String token) {
        return request.header("Authorization", "Bearer " + token).build();
    }

    private static HttpRequest withBasic(HttpRequest request, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", "Basic " + credentials).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
