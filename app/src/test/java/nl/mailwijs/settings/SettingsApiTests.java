package nl.mailwijs.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties =
        "spring.datasource.url=jdbc:h2:mem:settings-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class SettingsApiTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aWriteTokenSetsTheSettingsAndEveryChangeIsKeptAsAVersion() throws Exception {
        String write = tokens.create("shop", TokenScope.WRITE);

        HttpResponse<String> first = put(write, """
                {"legalName": "Fotostudio Jansen B.V.", "country": "NL", "kvkNumber": "12345678",
                 "similarTopics": {"portrait-photography": ["photo-prints"]}}""");
        HttpResponse<String> second = put(write, """
                {"legalName": "Fotostudio Jansen B.V.", "country": "NL", "softOptInMonths": 12}""");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"legalName\":\"Fotostudio Jansen B.V.\"", "\"softOptInMonths\":24", "\"createdBy\":\"token shop\"");
        assertThat(second.body()).contains("\"softOptInMonths\":12");
        assertThat(get(write, "/api/v1/settings").body()).contains("\"softOptInMonths\":12");
        assertThat(get(write, "/api/v1/settings/versions").body()).contains("\"softOptInMonths\":12", "\"softOptInMonths\":24");
    }

    @Test
    void badSettingsAre400NamingTheField() throws Exception {
        String write = tokens.create("shop", TokenScope.WRITE);

        assertThat(put(write, "{\"country\": \"NL\"}").body()).contains("\"field\":\"legalName\"");
        assertThat(put(write, "{\"legalName\": \"X\", \"country\": \"NL\", \"kvkNumber\": \"12\"}").body())
                .contains("\"field\":\"kvkNumber\"", "8 digits");
        assertThat(put(write, "{\"legalName\": \"X\", \"country\": \"NL\", \"softOptInMonths\": 0}").body())
                .contains("\"field\":\"softOptInMonths\"");
        assertThat(put(write, "{\"legalName\": \"X\", \"country\": \"NL\", \"colour\": \"red\"}").body())
                .contains("\"field\":\"colour\"", "unknown field");
        HttpResponse<String> notJson = put(write, "{oops");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).doesNotContain("Exception");
    }

    @Test
    void aReadTokenMayLookButNotChange() throws Exception {
        String read = tokens.create("viewer", TokenScope.READ);

        assertThat(put(read, "{\"legalName\": \"X\", \"country\": \"NL\"}").statusCode()).isEqualTo(403);
        assertThat(get(read, "/api/v1/settings/versions").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> put(String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/settings"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
