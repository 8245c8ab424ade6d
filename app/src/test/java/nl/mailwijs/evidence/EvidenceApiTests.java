package nl.mailwijs.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;

/**
 * The contacts and evidence API on the real server, over real HTTP: a shop creates a contact,
 * records a purchase and a consent, reads them back, and checks the ledger.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties =
        "spring.datasource.url=jdbc:h2:mem:evidence-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class EvidenceApiTests {

    private static final String CONTACT = """
            {"kind": "NATURAL_PERSON", "country": "nl", "name": "Jan Jansen", "externalId": "%s", "tags": ["VIP"],
             "attributes": {"city": "Utrecht"},
             "addresses": [{"channel": "EMAIL", "address": "Jan@Example.NL"}, {"channel": "SMS", "address": "+31 6 12345678"}]}""";

    private static final String PURCHASE = """
            {"kind": "PURCHASE", "id": "o-77", "date": "2021-05-12", "categories": ["portrait-photography"],
             "proof": "INVOICE", "proofReference": "F-2021-0042", "addressCollectedInSale": true, "objectionOffered": true}""";

    private static final String CONSENT = """
            {"kind": "CONSENT", "id": "c-1", "givenAt": "2024-03-01T10:00:00Z", "channels": ["EMAIL"], "topics": ["photo-prints"],
             "method": "DOUBLE_OPT_IN", "obtainedBy": "SENDER",
             "wording": "Ja, stuur mij de nieuwsbrief van Fotostudio Jansen over fotoafdrukken.", "wordingVersion": "form-3",
             "wordingLanguage": "nl", "confirmedAt": "2024-03-01T10:05:00Z", "ipAddress": "192.0.2.10"}""";

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    Ledger ledger;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private String write;
    private String read;

    @BeforeEach
    void tokens() {
        write = tokens.create("web shop", TokenScope.WRITE);
        read = tokens.create("dashboard", TokenScope.READ);
    }

    @Test
    void aShopRecordsAPurchaseAndAConsentAndReadsThemBack() throws Exception {
        HttpResponse<String> created = send(post("/api/v1/contacts", CONTACT.formatted("shop-1"), write));
        assertThat(created.statusCode()).isEqualTo(201);
        long id = tree(created).get("id").longValue();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/contacts/" + id);

        HttpResponse<String> purchase = send(post("/api/v1/contacts/" + id + "/evidence", PURCHASE, write));
        HttpResponse<String> consent = send(post("/api/v1/contacts/" + id + "/evidence", CONSENT, write));
        assertThat(purchase.statusCode()).as(purchase.body()).isEqualTo(201);
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(201);
        assertThat(purchase.headers().firstValue("Location")).hasValue("/api/v1/evidence/" + tree(purchase).get("id").longValue());
        assertThat(send(post("/api/v1/contacts/" + id + "/evidence", PURCHASE, write)).statusCode())
                .as("the same evidence again: the record made the first time").isEqualTo(200);

        HttpResponse<String> shown = send(get("/api/v1/contacts/" + id, read));
        assertThat(shown.statusCode()).isEqualTo(200);
        JsonNode contact = tree(shown);
        assertThat(contact.get("name").stringValue()).isEqualTo("Jan Jansen");
        assertThat(contact.get("country").stringValue()).isEqualTo("NL");
        assertThat(contact.get("attributes").get("city").stringValue()).isEqualTo("Utrecht");
        assertThat(contact.get("addresses").get(0).get("address").stringValue()).isEqualTo("Jan@example.nl");
        assertThat(contact.get("addresses").get(1).get("address").stringValue()).isEqualTo("+31612345678");
        JsonNode evidence = contact.get("evidence");
        assertThat(evidence.size()).isEqualTo(2);
        assertThat(evidence.get(0).get("kind").stringValue()).isEqualTo("PURCHASE");
        assertThat(evidence.get(0).get("content").get("date").stringValue()).isEqualTo("2021-05-12T00:00:00Z");
        assertThat(evidence.get(1).get("content").get("wordingId").isIntegralNumber()).isTrue();
        assertThat(evidence.get(1).get("previousHash").stringValue()).isEqualTo(evidence.get(0).get("hash").stringValue());

        HttpResponse<String> verified = send(get("/api/v1/evidence/verify", read));
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(tree(verified).get("intact").booleanValue()).isTrue();
        assertThat(tree(verified).get("records").longValue()).isEqualTo(ledger.verify().records()).isGreaterThanOrEqualTo(2);
        assertThat(ledger.evidenceOf(id).consents()).singleElement().satisfies(c -> assertThat(c.id()).isEqualTo("c-1"));
    }

    @Test
    void creatingAKnownExternalIdAgainAnswers200WithTheSameContact() throws Exception {
        long id = tree(send(post("/api/v1/contacts", CONTACT.formatted("shop-2"), write))).get("id").longValue();

        HttpResponse<String> again = send(post("/api/v1/contacts", CONTACT.formatted("shop-2").replace("Jan@Example.NL", "jan@work.example"), write));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(tree(again).get("id").longValue()).isEqualTo(id);
        assertThat(tree(again).get("addresses").size()).isEqualTo(3);
    }

    @Test
    void theListIsPagedAndFiltered() throws Exception {
        send(post("/api/v1/contacts", CONTACT.formatted("shop-3").replace("Jan Jansen", "Zoë Zeldzaam"), write));

        JsonNode page = tree(send(get("/api/v1/contacts?query=zeldzaam&tag=vip&page=0&size=10", read)));

        assertThat(page.get("total").longValue()).isEqualTo(1);
        assertThat(page.get("contacts").get(0).get("externalId").stringValue()).isEqualTo("shop-3");
        assertThat(page.get("size").intValue()).isEqualTo(10);
    }

    @Test
    void aReadTokenMayLookButNotRecord() throws Exception {
        long id = tree(send(post("/api/v1/contacts", CONTACT.formatted("shop-4"), write))).get("id").longValue();

        assertThat(send(post("/api/v1/contacts", CONTACT.formatted("shop-5"), read)).statusCode()).isEqualTo(403);
        assertThat(send(post("/api/v1/contacts/" + id + "/evidence", PURCHASE, read)).statusCode()).isEqualTo(403);
        assertThat(send(post("/api/v1/consent-wordings", "{\"wording\": \"Ja.\"}", read)).statusCode()).isEqualTo(403);
        assertThat(send(get("/api/v1/contacts/" + id, read)).statusCode()).isEqualTo(200);
    }

    @Test
    void nothingUpdatesOrDeletesOverTheApi() throws Exception {
        long id = tree(send(post("/api/v1/contacts", CONTACT.formatted("shop-6"), write))).get("id").longValue();
        long record = tree(send(post("/api/v1/contacts/" + id + "/evidence", PURCHASE, write))).get("id").longValue();

        for (String path : new String[] {"/api/v1/contacts/" + id, "/api/v1/evidence/" + record, "/api/v1/contacts/" + id + "/evidence"}) {
            for (String method : new String[] {"PUT", "PATCH", "DELETE"}) {
                HttpResponse<String> response = send(request(path, write).method(method, HttpRequest.BodyPublishers.ofString("{}")).build());
                assertThat(response.statusCode()).as(method + " " + path).isEqualTo(405);
            }
        }
    }

    @Test
    void unknownFieldsAndBadValuesAre400NamingTheField() throws Exception {
        long id = tree(send(post("/api/v1/contacts", CONTACT.formatted("shop-7"), write))).get("id").longValue();
        String evidence = "/api/v1/contacts/" + id + "/evidence";

        assertBadField(send(post(evidence, PURCHASE.replace("\"proof\"", "\"proff\""), write)), "proff");
        assertBadField(send(post(evidence, PURCHASE.replace("\"PURCHASE\"", "\"SALE\""), write)), "kind");
        assertBadField(send(post(evidence, PURCHASE.replace("2021-05-12", "12-05-2021"), write)), "date");
        assertBadField(send(post(evidence, CONSENT.replace("\"EMAIL\"]", "\"FAX\"]"), write)), "channels[0]");
        assertBadField(send(post(evidence, CONSENT.replace("\"SENDER\"", "true"), write)), "obtainedBy");
        assertBadField(send(post(evidence, "{\"kind\": \"WITHDRAWAL\", \"consentId\": \"nope\", \"withdrawnAt\": \"2025-01-01\"}", write)), "consentId");
        assertBadField(send(post(evidence, "{\"kind\": \"OBJECTION\", \"at\": \"2025-01-01\", \"supersedes\": 99999}", write)), "supersedes");
        assertBadField(send(post(evidence, "{\"kind\": \"OBJECTION\", \"at\": \"2025-01-01\", \"at\": \"2025-01-02\"}", write)), "");
        assertBadField(send(post("/api/v1/contacts", CONTACT.formatted("shop-8").replace("\"nl\"", "\"UK\""), write)), "country");
        assertBadField(send(post("/api/v1/contacts", CONTACT.formatted("shop-8").replace("+31 6 12345678", "06 12345678"), write)),
                "addresses[1].address");
        assertBadField(send(get("/api/v1/contacts?size=1000", read)), "size");
        assertBadField(send(get("/api/v1/contacts?colour=red", read)), "colour");
        assertThat(send(post("/api/v1/contacts/999999/evidence", PURCHASE, write)).statusCode()).isEqualTo(404);
        assertThat(send(get("/api/v1/contacts/999999", read)).statusCode()).isEqualTo(404);
    }

    @Test
    void consentWordingsAreRegisteredOnceAndReferredToById() throws Exception {
        String wording = "{\"wording\": \"Yes, send me the newsletter.\", \"version\": \"form-9\", \"language\": \"en\"}";

        HttpResponse<String> registered = send(post("/api/v1/consent-wordings", wording, write));
        HttpResponse<String> again = send(post("/api/v1/consent-wordings", wording, write));

        assertThat(registered.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        long wordingId = tree(registered).get("id").longValue();
        assertThat(tree(again).get("id").longValue()).isEqualTo(wordingId);
        assertThat(send(get("/api/v1/consent-wordings/" + wordingId, read)).statusCode()).isEqualTo(200);
        assertBadField(send(post("/api/v1/consent-wordings", wording.replace("newsletter", "offers"), write)), "version");

        long id = tree(send(post("/api/v1/contacts", CONTACT.formatted("shop-9"), write))).get("id").longValue();
        HttpResponse<String> consent = send(post("/api/v1/contacts/" + id + "/evidence", """
                {"kind": "CONSENT", "givenAt": "2026-01-05T08:00:00+01:00", "channels": ["EMAIL"], "method": "UNTICKED_CHECKBOX",
                 "obtainedBy": "SENDER", "wordingId": %d}""".formatted(wordingId), write));
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(201);
        assertThat(tree(consent).get("content").get("wording").stringValue()).isEqualTo("Yes, send me the newsletter.");
        assertThat(tree(consent).get("content").get("givenAt").stringValue()).isEqualTo("2026-01-05T07:00:00Z");
    }

    // --- helpers

    private void assertBadField(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(tree(response).get("field").stringValue()).as(response.body()).isEqualTo(field);
        assertThat(response.body()).doesNotContain("Exception");
    }

    private JsonNode tree(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }

    private HttpRequest get(String path, String token) {
        return request(path, token).GET().build();
    }

    private HttpRequest post(String path, String body, String token) {
        return request(path, token).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
