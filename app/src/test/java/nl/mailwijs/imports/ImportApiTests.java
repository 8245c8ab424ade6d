package nl.mailwijs.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;

/** POST /api/v1/imports on the real server, over real HTTP, as multipart/form-data. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:import-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "spring.servlet.multipart.max-file-size=64KB", "spring.servlet.multipart.max-request-size=64KB"})
class ImportApiTests {

    private static final String BOUNDARY = "----mailwijs-import-test";

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    Ledger ledger;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aWriteTokenImportsAndGetsTheReportAReadTokenMayNot() throws Exception {
        String write = tokens.create("import script", TokenScope.WRITE);
        String read = tokens.create("dashboard", TokenScope.READ);
        Map<String, String> files = Map.of(
                "contacts", "\uFEFFcontact_id;E-mail;Naam\r\nA-1;els@example.nl;Els Öztürk\r\nA-2;kees@example.nl;Kees\r\n",
                "purchases", "contact_id;order_id;date\r\nA-1;o-1;2025-01-01\r\nA-2;o-2;31-02-2025\r\n");

        HttpResponse<String> denied = send(multipart(files), read);
        HttpResponse<String> response = send(multipart(files), write);
        HttpResponse<String> again = send(multipart(files), write);

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = json.readTree(response.body());
        assertThat(report.get("files").get(0).get("kind").asString()).isEqualTo("contacts");
        assertThat(report.get("files").get(0).get("added").asLong()).isEqualTo(2);
        assertThat(report.get("files").get(1).get("added").asLong()).isEqualTo(1);
        assertThat(report.get("rejections").get(0).get("file").asString()).isEqualTo("purchases.csv");
        assertThat(report.get("rejections").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(report.get("rejections").get(0).get("column").asString()).isEqualTo("date");
        assertThat(report.get("rejections").get(0).get("reason").asString()).as("the API's reason stays English").contains("is not a valid date");
        assertThat(report.get("rejections").get(0).propertyNames()).as("the pages' code is not part of the API")
                .containsExactlyInAnyOrder("file", "line", "column", "reason");
        JsonNode second = json.readTree(again.body());
        assertThat(second.get("files").get(0).get("alreadyPresent").asLong()).isEqualTo(2);
        assertThat(second.get("files").get(1).get("added").asLong()).isZero();
        assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void aFileOverTheLimitIs413AsAProblem() throws Exception {
        String write = tokens.create("import script", TokenScope.WRITE);
        String big = "contact_id;email\n" + "X-1;x@example.nl\n".repeat(10_000);

        HttpResponse<String> response = send(multipart(Map.of("contacts", big)), write);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
    }

    private static byte[] multipart(Map<String, String> parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        parts.forEach((name, text) -> {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name
                    + ".csv\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private HttpResponse<String> send(byte[] body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/imports"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
