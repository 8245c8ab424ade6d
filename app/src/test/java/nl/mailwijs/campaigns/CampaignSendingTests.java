package nl.mailwijs.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.mailwijs.delivery.MailCatcher;
import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;

/**
 * A campaign from draft to the mail catcher over the API: the pre-flight names who may be mailed
 * and why not, the allowed recipients are sent with the mandatory headers and footer, and an
 * objection that arrives after the pre-flight stops that one message at send time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:campaign-sending;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "mailwijs.sending.workers=2", "mailwijs.sending.batch-size=3"})
class CampaignSendingTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    MailCatcher catcher;

    private final HttpClient http = HttpClient.newHttpClient();
    private ServerApi api;

    @org.junit.jupiter.api.BeforeEach
    void connect() {
        api = new ServerApi(port);
    }

    @Test
    void aCampaignGoesToTheAllowedRecipientsOnlyAndAnObjectionAfterThePreflightStopsItsMessage() throws Exception {
        String write = tokens.create("marketing", TokenScope.WRITE);
        String read = tokens.create("viewer", TokenScope.READ);
        send("DELETE", "/api/v1/mail-catcher/messages", null, write);
        assertThat(send("PUT", "/api/v1/settings", """
                {"legalName": "Fotostudio Jansen B.V.", "tradeName": "Fotostudio Jansen", "kvkNumber": "12345678",
                 "postalAddress": "Kerkstraat 1, 1234 AB Utrecht", "country": "NL", "objectionAddress": "privacy@fotostudio-jansen.nl",
                 "similarTopics": {"portrait-photography": ["photo-prints"]}}""", write).statusCode()).isEqualTo(200);
        String recently = LocalDate.now(ZoneOffset.UTC).minusMonths(2).toString();
        long anna = customer("k-1", "Anna de Vries", "anna+nieuws@example.nl", write, recently);
        long zoe = customer("k-2", "Zoë Ruïz", "zoe@bücher.example", write, recently);
        long piet = customer("k-3", "Piet Bakker", "piet@example.nl", write, recently);
        long late = customer("k-4", "Laat Bezwaar", "laat@example.nl", write, recently);
        send("POST", "/api/v1/contacts/" + piet + "/evidence", """
                {"kind": "OBJECTION", "at": "2026-01-01T09:00:00Z", "channels": ["ALL"], "via": "PHONE"}""", write);
        long stranger = idOf(send("POST", "/api/v1/contacts", """
                {"kind": "NATURAL_PERSON", "country": "NL", "name": "Onbekend", "externalId": "k-5",
                 "addresses": [{"channel": "EMAIL", "address": "onbekend@example.nl"}]}""", write).body());

        HttpResponse<String> created = send("POST", "/api/v1/campaigns", """
                {"name": "Afdrukken-actie", "purpose": "COMMERCIAL", "topics": ["photo-prints"],
                 "fromAddress": "nieuws@fotostudio-jansen.nl", "fromName": "Fotostudio Jansen",
                 "subject": "{{contact.firstName | default: \\"Beste klant\\"}}, uw foto's als afdruk",
                 "body": "Beste {{contact.firstName | default: \\"klant\\"}},\\n\\nDeze maand 20% korting op afdrukken."}""", write);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long campaign = idOf(created.body());
        assertThat(send("POST", "/api/v1/campaigns/" + campaign + "/send", null, write).statusCode())
                .as("no pre-flight yet").isEqualTo(409);

        HttpResponse<String> preflight = send("POST", "/api/v1/campaigns/" + campaign + "/preflight", null, write);
        assertThat(preflight.statusCode()).as(preflight.body()).isEqualTo(200);
        assertThat(preflight.body()).contains("\"recipients\":5", "\"allowed\":3", "\"denied\":2", "\"SOFT_OPT_IN\":3", "\"OBJECTED\":1",
                "\"contentPassed\":true");
        send("POST", "/api/v1/contacts/" + late + "/evidence", """
                {"kind": "OBJECTION", "at": "%s", "channels": ["EMAIL"], "via": "EMAIL"}""".formatted(java.time.Instant.now().minusSeconds(5)),
                write);

        HttpResponse<String> queued = send("POST", "/api/v1/campaigns/" + campaign + "/send", null, write);
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        assertThat(queued.body()).contains("\"queued\":3");
        assertThat(send("POST", "/api/v1/campaigns/" + campaign + "/send", null, write).statusCode()).as("sent once").isEqualTo(409);

        String progress = waitForState(campaign, "SENT", read);
        assertThat(progress).contains("\"total\":3", "\"sent\":2", "\"stopped\":1", "\"failed\":0");
        HttpResponse<String> stopped = send("GET", "/api/v1/campaigns/" + campaign + "/outbox?state=STOPPED", null, read);
        assertThat(stopped.body()).contains("\"contactId\":" + late, "denied at send time: OBJECTED");

        List<MailCatcher.Summary> caught = catcher.list(0, 10).messages();
        assertThat(caught).extracting(MailCatcher.Summary::to).containsExactlyInAnyOrder(
                "Anna de Vries <anna+nieuws@example.nl>", "Zoë Ruïz <zoe@xn--bcher-kva.example>");
        String raw = catcher.get(caught.stream().filter(m -> m.to().contains("anna")).findFirst().orElseThrow().id())
                .orElseThrow().raw();
        assertThat(raw).contains("Subject: Anna, uw foto's als afdruk", "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
                "List-Id: <campaign-" + campaign + ".fotostudio-jansen.nl>", "Fotostudio Jansen B.V.", "12345678");
        Matcher link = Pattern.compile("List-Unsubscribe: <(http://localhost:\\d+/u/[A-Za-z0-9_-]{43})>").matcher(raw);
        assertThat(link.find()).as(raw).isTrue();
        assertThat(zoe + stranger).isPositive();

        // The link: a GET only shows the button; the one-click POST records the objection at once, no login.
        String path = URI.create(link.group(1)).getPath();
        HttpResponse<String> page = send("GET", path, null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"nl\"", "anna+nieuws@example.nl", "<button type=\"submit\">Afmelden</button>");
        assertThat(send("GET", "/api/v1/contacts/" + anna, null, read).body()).contains("\"verdict\":\"ALLOW\"",
                "\"basis\":\"SOFT_OPT_IN\"", "\"basisTopics\":[\"portrait-photography\",\"photo-prints\"]");
        HttpResponse<String> oneClick = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .version(HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(oneClick.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(oneClick.body()).contains("U bent afgemeld");
        String basis = send("GET", "/api/v1/contacts/" + anna, null, read).body();
        assertThat(basis).contains("\"verdict\":\"DENY\"", "\"denial\":\"OBJECTED\"", "RFC 8058 one-click POST");
        assertThat(send("POST", path, null, null).statusCode()).as("a second click").isEqualTo(200);
        String forged = path.substring(0, path.length() - 2) + (path.endsWith("AA") ? "AB" : "AA");
        HttpResponse<String> refused = send("POST", forged, null, null);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).contains("Deze afmeldlink werkt niet").doesNotContain("anna");
    }

    @Test
    void aDraftWithAnUnknownMergeFieldIsRefusedNamingTheLine() throws Exception {
        String write = tokens.create("marketing", TokenScope.WRITE);
        send("PUT", "/api/v1/settings", """
                {"legalName": "Fotostudio Jansen B.V.", "kvkNumber": "12345678", "postalAddress": "Kerkstraat 1, Utrecht", "country": "NL"}""",
                write);
        HttpResponse<String> refused = send("POST", "/api/v1/campaigns", """
                {"name": "Fout", "purpose": "COMMERCIAL", "fromAddress": "nieuws@fotostudio-jansen.nl", "subject": "Hallo",
                 "body": "Regel een\\n{{contact.favouriteColour}}"}""", write);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"line\":2", "favouriteColour");
        assertThat(send("POST", "/api/v1/campaigns", "{\"name\": \"Fout\"}", write).body()).contains("purpose");
        assertThat(send("GET", "/api/v1/campaigns/999999", null, write).statusCode()).isEqualTo(404);
    }

    @Test
    void withoutTheRightCredentialsTheCampaignEndpointsAnswer401Or403() throws Exception {
        String read = tokens.create("viewer", TokenScope.READ);
        for (String[] call : List.of(new String[] {"GET", "/api/v1/campaigns"}, new String[] {"POST", "/api/v1/campaigns"},
                new String[] {"GET", "/api/v1/campaigns/1"}, new String[] {"PUT", "/api/v1/campaigns/1"},
                new String[] {"POST", "/api/v1/campaigns/1/preflight"}, new String[] {"POST", "/api/v1/campaigns/1/send"},
                new String[] {"POST", "/api/v1/campaigns/1/pause"}, new String[] {"GET", "/api/v1/campaigns/1/progress"},
                new String[] {"GET", "/api/v1/segments"}, new String[] {"POST", "/api/v1/segments"})) {
            assertThat(send(call[0], call[1], "{}", null).statusCode()).as(call[0] + " " + call[1]).isEqualTo(401);
            if (!call[0].equals("GET")) {
                assertThat(send(call[0], call[1], "{}", read).statusCode()).as("read token: " + call[0] + " " + call[1]).isEqualTo(403);
            }
        }
    }

    private long customer(String externalId, String name, String address, String token, String purchased) throws Exception {
        return api.customer(externalId, name, address, token, purchased);
    }

    private String waitForState(long campaign, String state, String token) throws Exception {
        return api.waitForState(campaign, state, token, Duration.ofSeconds(30));
    }

    private static long idOf(String json) {
        return ServerApi.idOf(json);
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        return api.send(method, path, body, token);
    }
}
