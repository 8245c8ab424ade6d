package nl.mailwijs.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.mailwijs.delivery.MailCatcher;
import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;
import nl.mailwijs.testing.Api;

/**
 * RFC 8058 one-click POSTs to real messages' unsubscribe links, many at once: each is answered
 * with its own recipient's page only once its objection is in the ledger, with the headers of
 * every page and no cookie, whichever way it comes in (the fast path in front of the framework,
 * or the controller for another encoding or the page's button).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:one-click;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "mailwijs.sending.workers=1"})
class OneClickHttpTests {

    private static final Pattern LINK = Pattern.compile("List-Unsubscribe: <http://localhost:\\d+(/u/[A-Za-z0-9_-]{43})>");
    private static final Pattern TO = Pattern.compile("(?m)^To: (?:.*<)?([^<>\\s]+@[^<>\\s]+?)>?\\s*$");

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    MailCatcher catcher;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String write;

    @BeforeEach
    void sender() throws Exception {
        write = tokens.create("shop", TokenScope.WRITE);
        api("PUT", "/api/v1/settings", """
                {"legalName": "Fotostudio Jansen B.V.", "kvkNumber": "12345678", "postalAddress": "Kerkstraat 1, Utrecht", "country": "NL"}""");
    }

    @Test
    void aBurstOfOneClicksRecordsEachObjectionOnceAndAnswersEachWithItsOwnAddress() throws Exception {
        Map<String, Long> contacts = new LinkedHashMap<>();
        for (int i = 1; i <= 40; i++) {
            String address = "klant" + i + "+nieuws@burst.example";
            contacts.put(address, contact("Klant " + i, address, "burst"));
        }
        Map<String, String> links = send("burst", contacts.size());
        assertThat(links).containsOnlyKeys(contacts.keySet());

        List<Callable<HttpResponse<String>>> posts = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        links.forEach((address, path) -> {
            posts.add(() -> oneClick(path));
            expected.add(address);
        });
        String first = links.keySet().iterator().next();
        posts.add(() -> oneClick(links.get(first)));
        expected.add(first);
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(24)) {
            for (Future<HttpResponse<String>> answer : pool.invokeAll(posts)) {
                answers.add(answer.get());
            }
        }

        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> answer = answers.get(i);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("U bent afgemeld", expected.get(i));
            assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValue(PreferenceCentreController.PAGE_POLICY);
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        }
        for (Map.Entry<String, Long> contact : contacts.entrySet()) {
            String evidence = api("GET", "/api/v1/contacts/" + contact.getValue(), null).body();
            assertThat(evidence).as(contact.getKey()).contains("\"denial\":\"OBJECTED\"", "RFC 8058 one-click POST",
                    "message to " + contact.getKey());
            assertThat(count(evidence, "\"kind\":\"OBJECTION\"")).as("one objection for " + contact.getKey()).isEqualTo(1);
        }
    }

    @Test
    void aForgedLinkIsRefusedAlikeAndTheOtherWaysInRecordTheSame() throws Exception {
        long anna = contact("Anna de Vries", "anna@other.example", "other");
        long zoe = contact("Zoë Ruïz", "zoe@other.example", "other");
        long jan = contact("Jan Jansen", "jan@other.example", "other");
        Map<String, String> links = send("other", 3);

        String annaLink = links.get("anna@other.example");
        String forged = annaLink.substring(0, annaLink.length() - 2) + (annaLink.endsWith("AA") ? "AB" : "AA");
        HttpResponse<String> refused = oneClick(forged);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).contains("Deze afmeldlink werkt niet").doesNotContain("anna");

        // RFC 8058 allows multipart/form-data too: the controller takes it and records the same objection.
        String boundary = "----mailwijs-test";
        HttpResponse<String> multipart = http.send(HttpRequest.newBuilder(uri(annaLink + "?lang=en"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
                        + "One-Click\r\n--" + boundary + "--\r\n")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(multipart.statusCode()).isEqualTo(200);
        assertThat(multipart.body()).contains("You are unsubscribed", "anna@other.example");
        assertThat(api("GET", "/api/v1/contacts/" + anna, null).body()).contains("\"denial\":\"OBJECTED\"", "RFC 8058 one-click POST");

        // The page's button posts no one-click field.
        HttpResponse<String> button = http.send(HttpRequest.newBuilder(uri(links.get("zoe@other.example")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(button.statusCode()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/contacts/" + zoe, null).body()).contains("\"denial\":\"OBJECTED\"", "unsubscribe button");

        // Erased since the message went out: nothing is left to object for, and the page says so.
        assertThat(api("POST", "/api/v1/contacts/" + jan + "/erasure", null).statusCode()).isEqualTo(200);
        HttpResponse<String> erased = oneClick(links.get("jan@other.example"));
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(erased.body()).contains("Uw gegevens zijn al gewist").doesNotContain("jan@");
    }

    // --- helpers

    private long contact(String name, String address, String topic) throws Exception {
        HttpResponse<String> created = api("POST", "/api/v1/contacts", """
                {"kind": "NATURAL_PERSON", "country": "NL", "name": "%s", "addresses": [{"channel": "EMAIL", "address": "%s"}]}"""
                .formatted(name, address));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = idOf(created.body());
        HttpResponse<String> consent = api("POST", "/api/v1/contacts/" + id + "/evidence", """
                {"kind": "CONSENT", "id": "c-%s", "givenAt": "2025-01-10T10:00:00Z", "channels": ["EMAIL"], "topics": ["%s"],
                 "method": "UNTICKED_CHECKBOX", "obtainedBy": "SENDER", "wording": "Ja, houd mij op de hoogte."}""".formatted(topic, topic));
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(201);
        return id;
    }

    /** Sends a campaign about the topic; the unsubscribe path of each message, by recipient address. */
    private Map<String, String> send(String topic, int recipients) throws Exception {
        catcher.clear();
        long campaign = idOf(api("POST", "/api/v1/campaigns", """
                {"name": "Actie", "purpose": "COMMERCIAL", "topics": ["%s"], "fromAddress": "nieuws@fotostudio-jansen.nl",
                 "subject": "Nieuws", "body": "Beste lezer,\\n\\nDit is het nieuws."}""".formatted(topic)).body());
        assertThat(api("POST", "/api/v1/campaigns/" + campaign + "/preflight", null).statusCode()).isEqualTo(200);
        assertThat(api("POST", "/api/v1/campaigns/" + campaign + "/send", null).statusCode()).isEqualTo(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (catcher.list(0, recipients).messages().size() < recipients && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Map<String, String> links = new LinkedHashMap<>();
        for (MailCatcher.Summary message : catcher.list(0, recipients).messages()) {
            String raw = catcher.get(message.id()).orElseThrow().raw();
            Matcher link = LINK.matcher(raw);
            Matcher to = TO.matcher(raw);
            assertThat(link.find() && to.find()).as(raw).isTrue();
            links.put(to.group(1), link.group(1));
        }
        return links;
    }

    private HttpResponse<String> oneClick(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> api(String method, String path, String body) throws Exception {
        return new Api(port).send(method, path, body, write);
    }

    private static int count(String text, String what) {
        int count = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            count++;
        }
        return count;
    }

    private static long idOf(String json) {
        return Api.idOf(json);
    }
}
