package nl.mailwijs.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;

/**
 * The real application on a random port, driven over HTTP as a web shop would: import the
 * README's messy export, ask for decisions, verify the ledger, alter a row behind Mailwijs's
 * back, and see the verification point at it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties =
        "spring.datasource.url=jdbc:h2:mem:end-to-end;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class LedgerEndToEndTests {

    private static final String BOUNDARY = "----mailwijs-end-to-end";
    private static final Path EXPORT = Path.of("../examples/audit");

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcClient database;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void importDecideVerifyTamperVerify() throws Exception {
        String token = tokens.create("web shop", TokenScope.WRITE);
        assertThat(send("PUT", "/api/v1/settings", "application/json", Files.readString(EXPORT.resolve("policy.json"))
                .replaceFirst("\\{\n", "{\"legalName\": \"Fotostudio Jansen B.V.\", \"country\": \"NL\",\n").getBytes(), token).statusCode())
                .isEqualTo(200);

        HttpResponse<String> imported = send("POST", "/api/v1/imports", "multipart/form-data; boundary=" + BOUNDARY,
                multipart(List.of("contacts", "purchases", "consents", "objections", "interactions")), token);
        assertThat(imported.statusCode()).isEqualTo(200);
        assertThat(imported.body()).contains("'31-02-2026' is not a valid date", "anouk@@example.nl");

        long customer = idOf(send("GET", "/api/v1/contacts?query=jeroen", null, null, token).body());
        long objector = idOf(send("GET", "/api/v1/contacts?query=fleur", null, null, token).body());
        String question = "{\"channel\": \"EMAIL\", \"purpose\": \"COMMERCIAL\", \"topics\": [\"photo-prints\"], "
                + "\"sendAt\": \"2026-11-23T10:00:00Z\"}";
        assertThat(send("POST", "/api/v1/contacts/" + customer + "/decision", "application/json", question.getBytes(), token).body())
                .contains("\"basis\":\"SOFT_OPT_IN\"", "\"evidenceUsed\":[\"W-1001\"]");
        assertThat(send("POST", "/api/v1/contacts/" + objector + "/decision", "application/json", question.getBytes(), token).body())
                .contains("\"denial\":\"OBJECTED\"");

        HttpResponse<String> intact = send("GET", "/api/v1/evidence/verify", null, null, token);
        assertThat(intact.body()).contains("\"intact\":true");

        long altered = database.sql("SELECT MIN(id) FROM evidence_record WHERE kind = 'PURCHASE'").query(Long.class).single();
        database.sql("UPDATE evidence_record SET content = REPLACE(content, 'INVOICE', 'CONTRACT') WHERE id = :id")
                .param("id", altered).update();

        HttpResponse<String> broken = send("GET", "/api/v1/evidence/verify", null, null, token);
        assertThat(broken.body()).contains("\"intact\":false", "\"brokenAt\":" + altered);
    }

    private static long idOf(String page) {
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(page);
        assertThat(id.find()).as(page).isTrue();
        return Long.parseLong(id.group(1));
    }

    private static byte[] multipart(List<String> parts) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String part : parts) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + part
                    + ".csv\"\r\nContent-Type: text/csv\r\n\r\n").getBytes());
            body.writeBytes(Files.readAllBytes(EXPORT.resolve(part + ".csv")));
            body.writeBytes("\r\n".getBytes());
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes());
        return body.toByteArray();
    }

    private HttpResponse<String> send(String method, String path, String type, byte[] body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
