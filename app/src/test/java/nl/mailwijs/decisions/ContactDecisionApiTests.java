package nl.mailwijs.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;

/**
 * "Why may I mail this person?" over HTTP, from what the server holds: settings, a contact and
 * its ledger. The real application on a random port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties =
        "spring.datasource.url=jdbc:h2:mem:contact-decisions;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class ContactDecisionApiTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aStoredCustomerIsAllowedUnderSoftOptInUntilSheObjects() throws Exception {
        String write = tokens.create("shop", TokenScope.WRITE);
        send("PUT", "/api/v1/settings", """
                {"legalName": "Fotostudio Jansen B.V.", "country": "NL",
                 "similarTopics": {"portrait-photography": ["photo-prints"]}}""", write);
        long id = idOf(send("POST", "/api/v1/contacts", """
                {"kind": "NATURAL_PERSON", "country": "NL", "name": "Jan Jansen", "externalId": "k-1",
                 "addresses": [{"channel": "EMAIL", "address": "Jan+Foto@Example.NL"}]}""", write).body());
        send("POST", "/api/v1/contacts/" + id + "/evidence", """
                {"kind": "PURCHASE", "id": "o-77", "date": "2026-01-12", "categories": ["portrait-photography"],
                 "proof": "INVOICE", "addressCollectedInSale": true, "objectionOffered": true}""", write);

        String question = """
                {"channel": "EMAIL", "purpose": "COMMERCIAL", "topics": ["photo-prints"], "sendAt": "2026-11-23T10:00:00Z"}""";
        HttpResponse<String> allowed = send("POST", "/api/v1/contacts/" + id + "/decision", question, write);

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains("\"contactId\":" + id, "\"address\":\"Jan+Foto@example.nl\"", "\"settingsVersion\":",
                "\"verdict\":\"ALLOW\"", "\"basis\":\"SOFT_OPT_IN\"", "\"evidenceUsed\":[\"o-77\"]", "\"basisValidUntil\":\"2028-01-12T00:00:00Z\"");

        assertThat(allowed.body()).startsWith("{\"decisionId\":");
        HttpResponse<String> retention = send("GET", "/api/v1/contacts/" + id + "/retention", null, write);
        assertThat(retention.body()).as("the purchase relied on is kept five years after the send")
                .contains("\"decisionsRelyingOnIt\":1", "\"lastSendAt\":\"2026-11-23T10:00:00Z\"", "\"retainUntil\":\"2031-11-23T10:00:00Z\"");

        send("POST", "/api/v1/contacts/" + id + "/evidence", """
                {"kind": "OBJECTION", "at": "2026-06-01T09:00:00Z", "channels": ["ALL"], "via": "PHONE"}""", write);
        HttpResponse<String> denied = send("POST", "/api/v1/contacts/" + id + "/decision", question, write);

        assertThat(denied.body()).contains("\"verdict\":\"DENY\"", "\"denial\":\"OBJECTED\"", "telefonisch");
    }

    @Test
    void theBasisPerChannelSaysWhyAndUntilWhen() throws Exception {
        String write = tokens.create("shop", TokenScope.WRITE);
        send("PUT", "/api/v1/settings", """
                {"legalName": "Fotostudio Jansen B.V.", "country": "NL",
                 "similarTopics": {"portrait-photography": ["photo-prints"]}}""", write);
        long id = idOf(send("POST", "/api/v1/contacts", """
                {"kind": "NATURAL_PERSON", "country": "NL", "externalId": "k-3",
                 "addresses": [{"channel": "EMAIL", "address": "anna@example.nl"}, {"channel": "SMS", "address": "+31612345678"}]}""",
                write).body());
        String recently = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusMonths(2).toString();
        send("POST", "/api/v1/contacts/" + id + "/evidence", """
                {"kind": "PURCHASE", "id": "o-9", "date": "%s", "categories": ["portrait-photography"],
                 "proof": "ORDER", "addressCollectedInSale": true, "objectionOffered": true}""".formatted(recently), write);

        HttpResponse<String> basis = send("GET", "/api/v1/contacts/" + id + "/basis?topics=photo-prints", null, write);

        assertThat(basis.statusCode()).isEqualTo(200);
        assertThat(basis.body()).contains("\"channel\":\"EMAIL\"", "\"basis\":\"SOFT_OPT_IN\"", "\"basisValidUntil\":\"",
                "\"channel\":\"SMS\"", "\"why\":\"Soft opt-in: aankoop o-9");
        HttpResponse<String> contact = send("GET", "/api/v1/contacts/" + id, null, write);
        assertThat(contact.statusCode()).isEqualTo(200);
        assertThat(contact.body()).contains("\"externalId\":\"k-3\"", "\"basis\":[{\"channel\":\"EMAIL\"", "\"verdict\":",
                "\"evidence\":[{", "\"externalId\":\"o-9\"");
    }

    @Test
    void aBusinessAddressPublishedForOffersIsAllowedUnderNL_TW_11_7_2a() throws Exception {
        String write = tokens.create("shop", TokenScope.WRITE);
        send("PUT", "/api/v1/settings", """
                {"legalName": "Fotostudio Jansen B.V.", "country": "NL", "offerAddressLocalParts": []}""", write);
        long published = idOf(send("POST", "/api/v1/contacts", """
                {"kind": "LEGAL_ENTITY", "country": "NL", "name": "Bakkerij De Korf", "externalId": "b-1",
                 "attributes": {"publishedForOffers": true},
                 "addresses": [{"channel": "EMAIL", "address": "inkoop@dekorf.example"}]}""", write).body());
        long notPublished = idOf(send("POST", "/api/v1/contacts", """
                {"kind": "LEGAL_ENTITY", "country": "NL", "name": "Slagerij Vos", "externalId": "b-2",
                 "attributes": {"publishedForOffers": "yes"},
                 "addresses": [{"channel": "EMAIL", "address": "inkoop@vos.example"}]}""", write).body());
        String question = """
                {"channel": "EMAIL", "purpose": "COMMERCIAL", "topics": ["photo-prints"]}""";

        assertThat(send("POST", "/api/v1/contacts/" + published + "/decision", question, write).body())
                .contains("\"verdict\":\"ALLOW\"", "\"basis\":\"OFFER_ADDRESS\"", "NL-TW-11.7-2a");
        assertThat(send("POST", "/api/v1/contacts/" + notPublished + "/decision", question, write).body())
                .as("only a JSON true counts").contains("\"verdict\":\"DENY\"");
    }

    @Test
    void withoutSettingsOrForAnUnknownContactTheAnswerSaysWhatToDo() throws Exception {
        String write = tokens.create("shop", TokenScope.WRITE);
        long id = idOf(send("POST", "/api/v1/contacts", """
                {"kind": "NATURAL_PERSON", "country": "NL", "externalId": "k-2",
                 "addresses": [{"channel": "EMAIL", "address": "piet@example.nl"}]}""", write).body());
        String question = "{\"channel\": \"SMS\", \"purpose\": \"COMMERCIAL\"}";

        HttpResponse<String> noSmsAddress = send("POST", "/api/v1/contacts/" + id + "/decision", question, write);
        HttpResponse<String> unknown = send("POST", "/api/v1/contacts/999999/decision", question, write);
        HttpResponse<String> noChannel = send("POST", "/api/v1/contacts/" + id + "/decision", "{\"purpose\": \"COMMERCIAL\"}", write);

        assertThat(noSmsAddress.statusCode()).isEqualTo(400);
        assertThat(noSmsAddress.body()).contains("\"field\":");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(noChannel.statusCode()).isEqualTo(400);
        assertThat(noChannel.body()).contains("\"field\":\"channel\"");
    }

    private static long idOf(String json) {
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(json);
        assertThat(id.find()).as(json).isTrue();
        return Long.parseLong(id.group(1));
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
