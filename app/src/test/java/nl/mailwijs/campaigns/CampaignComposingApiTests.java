package nl.mailwijs.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;

/**
 * Composing over the API: stored templates and layouts that campaigns copy, and a saved segment
 * over contact attributes, purchase dates and channels whose pre-flight holds exactly the
 * contacts it describes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:campaign-composing;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "mailwijs.sending.enabled=false"})
class CampaignComposingApiTests {

    private static final String SETTINGS = """
            {"legalName": "Fotostudio Jansen B.V.", "kvkNumber": "12345678", "postalAddress": "Kerkstraat 1, 1234 AB Utrecht",
             "country": "NL", "similarTopics": {"portrait-photography": ["photo-prints"]}}""";

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aTemplateAndALayoutAreStoredVersionedUsedByACampaignAndHeldWhileADraftUsesThem() throws Exception {
        String write = tokens.create("marketing", TokenScope.WRITE);
        String read = tokens.create("viewer", TokenScope.READ);
        assertThat(send("PUT", "/api/v1/settings", SETTINGS, write).statusCode()).isEqualTo(200);

        HttpResponse<String> created = send("POST", "/api/v1/templates", """
                {"name": "Maandbrief", "bodyFormat": "MARKDOWN", "body": "Beste {{contact.firstName | default: \\"klant\\"}},\\n\\n**Nieuw** deze maand."}""",
                write);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long template = idOf(created.body());
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/templates/" + template);
        assertThat(created.body()).contains("\"version\":1", "\"bodyFormat\":\"MARKDOWN\"");

        HttpResponse<String> broken = send("POST", "/api/v1/templates", """
                {"name": "Fout", "body": "Regel een\\n{{contact.favouriteColour}}"}""", write);
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("\"field\":\"body\"", "\"line\":2", "favouriteColour");
        assertThat(send("POST", "/api/v1/templates", "{\"body\": \"Hallo\"}", write).body()).contains("\"field\":\"name\"");
        assertThat(send("POST", "/api/v1/templates", "{\"name\": \"X\", \"body\": \"Hallo\", \"bodyFormat\": \"PDF\"}", write).body())
                .contains("\"field\":\"bodyFormat\"");

        HttpResponse<String> layout = send("POST", "/api/v1/layouts", """
                {"name": "Huisstijl", "html": "<div><p>Studio Jansen</p>{{content}}<hr>{{footer}}</div>"}""", write);
        assertThat(layout.statusCode()).as(layout.body()).isEqualTo(201);
        long layoutId = idOf(layout.body());
        HttpResponse<String> noSlot = send("POST", "/api/v1/layouts", "{\"name\": \"Kaal\", \"html\": \"<div>Geen inhoud</div>\"}", write);
        assertThat(noSlot.statusCode()).isEqualTo(400);
        assertThat(noSlot.body()).contains("\"field\":\"html\"", "{{content}}");

        HttpResponse<String> campaign = send("POST", "/api/v1/campaigns", """
                {"name": "December", "purpose": "COMMERCIAL", "topics": ["photo-prints"], "fromAddress": "nieuws@fotostudio-jansen.nl",
                 "subject": "Nieuw in december", "templateId": %d, "layoutId": %d}""".formatted(template, layoutId), write);
        assertThat(campaign.statusCode()).as(campaign.body()).isEqualTo(201);
        long campaignId = idOf(campaign.body());
        assertThat(campaign.body()).contains("\"templateId\":" + template, "\"templateVersion\":1", "\"layoutId\":" + layoutId,
                "\"layoutVersion\":1", "**Nieuw** deze maand.");
        HttpResponse<String> both = send("POST", "/api/v1/campaigns", """
                {"name": "Dubbel", "purpose": "COMMERCIAL", "fromAddress": "nieuws@fotostudio-jansen.nl", "subject": "Hallo",
                 "templateId": %d, "body": "Eigen tekst"}""".formatted(template), write);
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("\"field\":\"body\"", "comes from template " + template);

        HttpResponse<String> edited = send("PUT", "/api/v1/templates/" + template, """
                {"name": "Maandbrief", "body": "Beste klant, *anders*."}""", write);
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(edited.body()).contains("\"version\":2");
        assertThat(send("GET", "/api/v1/campaigns/" + campaignId, null, read).body())
                .as("the campaign keeps what it copied").contains("\"templateVersion\":1", "**Nieuw** deze maand.");
        assertThat(send("GET", "/api/v1/templates", null, read).body()).contains("\"id\":" + template, "*anders*");
        assertThat(send("GET", "/api/v1/layouts/" + layoutId, null, read).body()).contains("Studio Jansen");

        HttpResponse<String> inUse = send("DELETE", "/api/v1/templates/" + template, null, write);
        assertThat(inUse.statusCode()).isEqualTo(409);
        assertThat(inUse.body()).contains("\"campaignIds\":[" + campaignId + "]");
        assertThat(send("DELETE", "/api/v1/layouts/" + layoutId, null, write).statusCode()).isEqualTo(409);
        assertThat(send("DELETE", "/api/v1/templates/" + template, null, read).statusCode()).as("read token").isEqualTo(403);

        assertThat(send("PUT", "/api/v1/campaigns/" + campaignId, """
                {"name": "December", "purpose": "COMMERCIAL", "topics": ["photo-prints"], "fromAddress": "nieuws@fotostudio-jansen.nl",
                 "subject": "Nieuw in december", "body": "Eigen tekst"}""", write).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/v1/templates/" + template, null, write).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/v1/layouts/" + layoutId, null, write).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/templates/" + template, null, read).statusCode()).isEqualTo(404);
    }

    @Test
    void aSavedSegmentOverAttributesPurchaseDatesAndChannelsPreflightsExactlyTheContactsItDescribes() throws Exception {
        String write = tokens.create("marketing", TokenScope.WRITE);
        assertThat(send("PUT", "/api/v1/settings", SETTINGS, write).statusCode()).isEqualTo(200);
        // Dates relative to today, so that the soft opt-in of last month's buyers is valid whenever this runs.
        LocalDate lastMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(1);
        String inRange = lastMonth.plusDays(14).toString();
        String tooLate = lastMonth.plusMonths(1).toString();

        long utrecht = contact("s-1", "{\"city\": \"Utrecht\"}", true, inRange, write);
        long zwolle = contact("s-2", "{\"city\": \"ZWOLLE\", \"vip\": true}", true, lastMonth.toString(), write);
        contact("s-3", "{\"city\": \"Zwolle\"}", false, inRange, write);
        contact("s-4", "{\"city\": \"Amsterdam\"}", true, inRange, write);
        contact("s-5", "{\"city\": \"utrecht\"}", true, tooLate, write);
        contact("s-6", "{}", true, inRange, write);

        HttpResponse<String> segment = send("POST", "/api/v1/segments", """
                {"name": "Utrecht en Zwolle, vorige maand, met mobiel",
                 "audience": {"attributes": {"city": ["Utrecht", "Zwolle"]}, "purchasedAfter": "%s", "purchasedBefore": "%s",
                              "channels": ["SMS"]}}""".formatted(lastMonth, tooLate), write);
        assertThat(segment.statusCode()).as(segment.body()).isEqualTo(201);
        long segmentId = idOf(segment.body());
        assertThat(send("GET", "/api/v1/segments/" + segmentId, null, write).body())
                .contains("\"attributes\":{\"city\":[\"Utrecht\",\"Zwolle\"]}", "\"purchasedAfter\":\"" + lastMonth + "\"", "\"channels\":[\"SMS\"]");

        HttpResponse<String> campaign = send("POST", "/api/v1/campaigns", """
                {"name": "Regio", "purpose": "COMMERCIAL", "topics": ["photo-prints"], "fromAddress": "nieuws@fotostudio-jansen.nl",
                 "subject": "Afdrukken", "body": "Korting op afdrukken.", "segmentId": %d}""".formatted(segmentId), write);
        assertThat(campaign.statusCode()).as(campaign.body()).isEqualTo(201);
        HttpResponse<String> preflight = send("POST", "/api/v1/campaigns/" + idOf(campaign.body()) + "/preflight", null, write);
        assertThat(preflight.statusCode()).as(preflight.body()).isEqualTo(200);
        assertThat(preflight.body()).contains("\"recipients\":2", "\"allowed\":2", "\"SOFT_OPT_IN\":2");
        Matcher samples = Pattern.compile("\"contactId\":(\\d+)").matcher(preflight.body());
        List<Long> sampled = samples.results().map(match -> Long.parseLong(match.group(1))).distinct().toList();
        assertThat(sampled).containsExactlyInAnyOrder(utrecht, zwolle);
    }

    @Test
    void theNewEndpointsAreNamedInTheOpenApiDocument() throws Exception {
        String document = send("GET", "/v3/api-docs", null, tokens.create("viewer", TokenScope.READ)).body();
        assertThat(document).contains("\"/api/v1/templates/{id}\"", "\"/api/v1/layouts\"", "\"/api/v1/campaigns/{id}/schedule\"",
                "\"operationId\":\"createTemplate\"", "\"operationId\":\"deleteLayout\"", "\"operationId\":\"scheduleCampaign\"",
                "\"operationId\":\"unscheduleCampaign\"", "\"purchasedBefore\"", "\"SCHEDULED\"");
    }

    @Test
    void aSegmentFilterThatCannotBeMeantIsRefusedNamingTheField() throws Exception {
        String write = tokens.create("marketing", TokenScope.WRITE);
        HttpResponse<String> reversed = send("POST", "/api/v1/segments", """
                {"name": "Omgekeerd", "audience": {"purchasedAfter": "2026-03-01", "purchasedBefore": "2026-02-01"}}""", write);
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.body()).contains("\"field\":\"audience.purchasedBefore\"");
        HttpResponse<String> noValues = send("POST", "/api/v1/segments", """
                {"name": "Leeg", "audience": {"attributes": {"city": []}}}""", write);
        assertThat(noValues.body()).contains("\"field\":\"audience.attributes.city\"");
        HttpResponse<String> fax = send("POST", "/api/v1/segments", """
                {"name": "Fax", "audience": {"channels": ["FAX"]}}""", write);
        assertThat(fax.statusCode()).isEqualTo(400);
        assertThat(fax.body()).contains("\"field\":\"audience.channels[0]\"");
        HttpResponse<String> badDate = send("POST", "/api/v1/segments", """
                {"name": "Datum", "audience": {"purchasedAfter": "1 maart"}}""", write);
        assertThat(badDate.body()).contains("\"field\":\"audience.purchasedAfter\"");
    }

    private long contact(String externalId, String attributes, boolean mobile, String purchased, String token) throws Exception {
        String addresses = "{\"channel\": \"EMAIL\", \"address\": \"" + externalId + "@example.nl\"}"
                + (mobile ? ", {\"channel\": \"SMS\", \"address\": \"+3161234567" + externalId.substring(2) + "\"}" : "");
        HttpResponse<String> created = send("POST", "/api/v1/contacts", """
                {"kind": "NATURAL_PERSON", "country": "NL", "name": "Klant %s", "externalId": "%s", "attributes": %s,
                 "addresses": [%s]}""".formatted(externalId, externalId, attributes, addresses), token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = idOf(created.body());
        HttpResponse<String> purchase = send("POST", "/api/v1/contacts/" + id + "/evidence", """
                {"kind": "PURCHASE", "id": "o-%s", "date": "%s", "categories": ["portrait-photography"],
                 "proof": "ORDER", "addressCollectedInSale": true, "objectionOffered": true}""".formatted(externalId, purchased), token);
        assertThat(purchase.statusCode()).as(purchase.body()).isEqualTo(201);
        return id;
    }

    private static long idOf(String json) {
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(json);
        if (!id.find()) {
            throw new AssertionError("no id in " + json);
        }
        return Long.parseLong(id.group(1));
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
