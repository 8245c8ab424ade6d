package nl.mailwijs.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
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
 * The preference centre behind a real message's unsubscribe link: each choice is in the ledger
 * when the page answers, and the next decision follows it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:preference-centre;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "mailwijs.sending.workers=1"})
class PreferenceCentreHttpTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    MailCatcher catcher;

    private final HttpClient http = HttpClient.newHttpClient();
    private String write;

    @Test
    void eachChoiceIsRecordedAtOnceAndTheNextDecisionFollowsIt() throws Exception {
        write = tokens.create("shop", TokenScope.WRITE);
        api("PUT", "/api/v1/settings", """
                {"legalName": "Fotostudio Jansen B.V.", "kvkNumber": "12345678", "postalAddress": "Kerkstraat 1, Utrecht", "country": "NL"}""");
        long anna = idOf(api("POST", "/api/v1/contacts", """
                {"kind": "NATURAL_PERSON", "country": "NL", "name": "Anna de Vries",
                 "addresses": [{"channel": "EMAIL", "address": "anna@example.nl"}, {"channel": "SMS", "address": "+31612345678"}]}""").body());
        consent(anna, "c-nieuws", "[\"nieuws\"]", "[\"EMAIL\"]");
        consent(anna, "c-acties", "[\"acties\", \"tips\"]", "[\"EMAIL\", \"SMS\"]");
        String path = unsubscribePathOfACampaignAbout("nieuws");

        HttpResponse<String> unsubscribePage = get(path, Map.of());
        assertThat(unsubscribePage.body()).as("the one-button page offers the preference centre")
                .contains("<button type=\"submit\">Afmelden</button>", "href=\"" + path + "/preferences\"");
        assertThat(decide(anna, "EMAIL", "nieuws")).contains("\"verdict\":\"ALLOW\"");

        HttpResponse<String> page = get(path + "/preferences", Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"nl\"", "Uw voorkeuren", "anna@example.nl", "<legend>nieuws</legend>",
                "<legend>acties</legend>", "<legend>tips</legend>", "<legend>E-mail</legend>", "<legend>Sms</legend>",
                "<label for=\"nothing\">").doesNotContain("<script");
        assertThat(get(path + "/preferences", Map.of()).body()).as("a GET changes nothing").isEqualTo(page.body());
        assertThat(evidence(anna)).doesNotContain("PREFERENCE_CENTRE");

        // Stop one topic: an objection for it, and the consent that covered only it withdrawn.
        String stopNieuws = topicField(page.body(), "nieuws") + "=stop&" + hiddenTopics(page.body());
        HttpResponse<String> saved = post(path + "/preferences", stopNieuws);
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("Voorkeuren opgeslagen", "geen berichten meer over &quot;nieuws&quot;", "is ingetrokken");
        assertThat(decide(anna, "EMAIL", "nieuws")).contains("\"verdict\":\"DENY\"", "\"denial\":\"OBJECTED\"");
        assertThat(decide(anna, "EMAIL", "acties")).contains("\"verdict\":\"ALLOW\"", "\"basis\":\"CONSENT\"");
        assertThat(evidence(anna)).contains("\"via\":\"PREFERENCE_CENTRE\"", "\"kind\":\"WITHDRAWAL\"", "choice: stop topic 'nieuws'");
        assertThat(post(path + "/preferences", stopNieuws).body()).as("the same choice again records nothing new")
                .contains("U heeft niets gewijzigd");

        // Stop a channel: text messages end, e-mail about the other topics goes on.
        assertThat(post(path + "/preferences", "channel-SMS=stop&channel-EMAIL=keep").body()).contains("geen berichten meer via Sms");
        assertThat(decide(anna, "SMS", "acties")).contains("\"verdict\":\"DENY\"", "\"denial\":\"OBJECTED\"");
        assertThat(decide(anna, "EMAIL", "acties")).contains("\"verdict\":\"ALLOW\"");
        assertThat(get(path + "/preferences", Map.of()).body()).contains("Sms: u ontvangt via dit kanaal niets meer",
                "nieuws: u ontvangt hierover niets meer");

        // Nothing any more: everything stops, every consent is withdrawn.
        assertThat(post(path + "/preferences", "nothing=yes").body()).contains("niets meer, via geen enkel kanaal");
        assertThat(decide(anna, "EMAIL", "acties")).contains("\"verdict\":\"DENY\"", "\"denial\":\"OBJECTED\"");
        assertThat(evidence(anna)).contains("choice: nothing any more");
        assertThat(get(path + "/preferences", Map.of()).body()).contains("U ontvangt niets meer van deze afzender");
    }

    @Test
    void thePagesAreInEnglishOnAskingAndAForgedTokenLearnsNothing() throws Exception {
        write = tokens.create("shop", TokenScope.WRITE);
        api("PUT", "/api/v1/settings", """
                {"legalName": "Fotostudio Jansen B.V.", "kvkNumber": "12345678", "postalAddress": "Kerkstraat 1, Utrecht", "country": "NL"}""");
        long bob = idOf(api("POST", "/api/v1/contacts", """
                {"kind": "NATURAL_PERSON", "country": "NL", "name": "Bob", "addresses": [{"channel": "EMAIL", "address": "bob@example.com"}]}""")
                .body());
        consent(bob, "c-en", "[\"offers\"]", "[\"EMAIL\"]");
        String path = unsubscribePathOfACampaignAbout("offers");

        assertThat(get(path + "/preferences?lang=en", Map.of()).body()).contains("<html lang=\"en\"", "Your preferences", "Keep receiving",
                "action=\"" + path + "/preferences?lang=en\"");
        assertThat(get(path + "/preferences", Map.of("Accept-Language", "en-GB,en;q=0.9")).body()).contains("Your preferences");
        assertThat(post(path + "/preferences?lang=en", "nothing=yes").body()).contains("Preferences saved", "nothing any more");

        String forged = path.substring(0, path.length() - 2) + (path.endsWith("AA") ? "AB" : "AA");
        HttpResponse<String> refused = get(forged + "/preferences", Map.of());
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).contains("Deze afmeldlink werkt niet").doesNotContain("bob");
        assertThat(post(forged + "/preferences", "nothing=yes").statusCode()).isEqualTo(404);
    }

    // --- helpers

    private void consent(long contact, String id, String topics, String channels) throws Exception {
        HttpResponse<String> response = api("POST", "/api/v1/contacts/" + contact + "/evidence", """
                {"kind": "CONSENT", "id": "%s", "givenAt": "2025-01-10T10:00:00Z", "channels": %s, "topics": %s,
                 "method": "UNTICKED_CHECKBOX", "obtainedBy": "SENDER", "wording": "Ja, houd mij op de hoogte."}"""
                .formatted(id, channels, topics));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private String unsubscribePathOfACampaignAbout(String topic) throws Exception {
        catcher.clear();
        HttpResponse<String> created = api("POST", "/api/v1/campaigns", """
                {"name": "Actie", "purpose": "COMMERCIAL", "topics": ["%s"], "fromAddress": "nieuws@fotostudio-jansen.nl",
                 "subject": "Nieuws", "body": "Beste lezer,\\n\\nDit is het nieuws."}""".formatted(topic));
        long campaign = idOf(created.body());
        assertThat(api("POST", "/api/v1/campaigns/" + campaign + "/preflight", null).statusCode()).isEqualTo(200);
        assertThat(api("POST", "/api/v1/campaigns/" + campaign + "/send", null).statusCode()).isEqualTo(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (catcher.list(0, 10).messages().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String raw = catcher.get(catcher.list(0, 10).messages().getFirst().id()).orElseThrow().raw();
        Matcher link = Pattern.compile("List-Unsubscribe: <http://localhost:\\d+(/u/[A-Za-z0-9_-]{43})>").matcher(raw);
        assertThat(link.find()).as(raw).isTrue();
        return link.group(1);
    }

    private static String topicField(String page, String topic) {
        Matcher field = Pattern.compile("name=\"(topic-\\d+)-name\" value=\"" + topic + "\"").matcher(page);
        assertThat(field.find()).as(page).isTrue();
        return field.group(1);
    }

    /** The hidden topic names the page carries, as a browser sends them back. */
    private static String hiddenTopics(String page) {
        Matcher hidden = Pattern.compile("name=\"(topic-\\d+-name)\" value=\"([^\"]*)\"").matcher(page);
        StringBuilder form = new StringBuilder();
        while (hidden.find()) {
            form.append(form.isEmpty() ? "" : "&").append(hidden.group(1)).append('=').append(hidden.group(2));
        }
        return form.toString();
    }

    private String decide(long contact, String channel, String topic) throws Exception {
        return api("POST", "/api/v1/contacts/" + contact + "/decision", """
                {"channel": "%s", "purpose": "COMMERCIAL", "topics": ["%s"]}""".formatted(channel, topic)).body();
    }

    private String evidence(long contact) throws Exception {
        return api("GET", "/api/v1/contacts/" + contact, null).body();
    }

    private static long idOf(String json) {
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(json);
        if (!id.find()) {
            throw new AssertionError("no id in " + json);
        }
        return Long.parseLong(id.group(1));
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> api(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + write).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
