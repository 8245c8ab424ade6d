package nl.mailwijs.signup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.mailwijs.delivery.MailCatcher;
import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;
import nl.mailwijs.testing.OffsetClock;

/**
 * Sign-up over HTTP as a person and a bot meet it: the form, the submission, the confirmation
 * mail caught by the built-in catcher, the link, and the consent in the ledger that a campaign's
 * decision then relies on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:signup-http;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "mailwijs.signup.submissions-per-ip=5", "mailwijs.signup.submissions-per-form=3"})
class SignupHttpTests {

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        OffsetClock mutableClock() {
            return new OffsetClock();
        }
    }

    private static final Pattern CONFIRM_LINK = Pattern.compile("http://localhost:\\d+(/f/confirm/[A-Za-z0-9_-]{43})");

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    MailCatcher catcher;

    @Autowired
    OffsetClock clock;

    @Autowired
    Clock injectedClock;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private String write;

    @BeforeEach
    void setUp() throws Exception {
        assertThat(injectedClock).isSameAs(clock);
        // Every test starts with full rate-limit buckets and past every earlier test's mail window.
        clock.advance(Duration.ofHours(2));
        write = tokens.create("shop", TokenScope.WRITE);
        assertThat(api("PUT", "/api/v1/settings", """
                {"legalName": "Fotostudio Jansen B.V.", "tradeName": "Fotostudio Jansen", "kvkNumber": "12345678",
                 "postalAddress": "Kerkstraat 1, 1234 AB Utrecht", "country": "NL"}""").statusCode()).isEqualTo(200);
    }

    @Test
    void aConfirmedSignUpIsAConsentWithBothStepsInTheLedgerAndACampaignOnItsTopicMayBeSent() throws Exception {
        Form form = newForm("nl");
        HttpResponse<String> page = get("/f/" + form.key());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"nl\"", "Ja, ik wil e-mail van Fotostudio Jansen ontvangen over:",
                "<label for=\"mw-topic-0\">Nieuws over de studio</label>", "<label for=\"mw-email\">E-mailadres</label>",
                "Afzender: Fotostudio Jansen B.V.", "name=\"website\" tabindex=\"-1\"")
                .doesNotContainIgnoringCase("checked").doesNotContain("<script");

        HttpResponse<String> submitted = post("/f/" + form.key(), "email=Anna%2Bfoto%40example.nl&name=Anna+de+Vries&topic=nieuws",
                Map.of("User-Agent", "SignupBrowser/1.0", "Referer", "https://fotostudio-jansen.example/aanmelden"));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        assertThat(submitted.body()).contains("Bijna klaar");
        String mail = mailTo("Anna+foto@example.nl");
        assertThat(mail).contains("From: Fotostudio Jansen <nieuws@fotostudio-jansen.nl>", "Subject: Bevestig uw aanmelding: Nieuwsbrief",
                "List-Unsubscribe-Post: List-Unsubscribe=One-Click", "Fotostudio Jansen B.V.", "Nieuws over de studio");
        String link = confirmLink(mail);
        assertThat(consentsFor("Anna+foto@example.nl")).as("no consent before confirming").isZero();

        HttpResponse<String> confirmPage = get(link);
        assertThat(confirmPage.statusCode()).isEqualTo(200);
        assertThat(confirmPage.body()).contains("Anna+foto@example.nl", "<button type=\"submit\">Ja, bevestig mijn aanmelding</button>",
                "[x] Nieuws over de studio");
        assertThat(consentsFor("Anna+foto@example.nl")).as("a GET confirms nothing").isZero();

        HttpResponse<String> confirmed = post(link, "", Map.of("User-Agent", "ConfirmBrowser/2.0"));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Aanmelding bevestigd");
        assertThat(post(link, "", Map.of()).body()).as("a second click").contains("Aanmelding bevestigd");
        assertThat(consentsFor("Anna+foto@example.nl")).as("one consent").isEqualTo(1);

        long contact = jdbc.sql("SELECT contact_id FROM signup_pending WHERE address = 'Anna+foto@example.nl'").query(Long.class).single();
        String contactJson = api("GET", "/api/v1/contacts/" + contact, null).body();
        assertThat(contactJson).contains("\"name\":\"Anna de Vries\"", "\"kind\":\"CONSENT\"", "\"method\":\"DOUBLE_OPT_IN\"",
                "\"obtainedBy\":\"SENDER\"", "\"topics\":[\"nieuws\"]", "\"channels\":[\"EMAIL\"]", "\"givenAt\":", "\"confirmedAt\":",
                "\"confirmationSentAt\":", "\"ipAddress\":\"127.0.0.1\"", "\"confirmedIpAddress\":\"127.0.0.1\"",
                "\"userAgent\":\"SignupBrowser/1.0\"", "\"confirmedUserAgent\":\"ConfirmBrowser/2.0\"",
                "\"source\":\"https://fotostudio-jansen.example/aanmelden\"", "\"address\":\"Anna+foto@example.nl\"",
                "\"wordingVersion\":\"consent-text-" + form.textId() + "-v1\"", "\"wordingLanguage\":\"nl\"",
                "Ja, ik wil e-mail van Fotostudio Jansen ontvangen over:\\n[ ] Nieuws over de studio\\n[ ] Acties en kortingen");

        assertThat(decision(contact, "nieuws")).contains("\"verdict\":\"ALLOW\"", "\"basis\":\"CONSENT\"");
        assertThat(decision(contact, "acties")).as("a box not ticked").contains("\"verdict\":\"DENY\"", "\"denial\":\"NO_CONSENT\"");

        // A pre-flight decides at a whole second: one in the same second as the confirmation would come before it.
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> campaign = api("POST", "/api/v1/campaigns", """
                {"name": "Studionieuws", "purpose": "COMMERCIAL", "topics": ["nieuws"], "fromAddress": "nieuws@fotostudio-jansen.nl",
                 "subject": "Nieuws", "body": "Beste lezer,\\n\\nHet laatste nieuws."}""");
        assertThat(campaign.statusCode()).as(campaign.body()).isEqualTo(201);
        HttpResponse<String> preflight = api("POST", "/api/v1/campaigns/" + idOf(campaign.body()) + "/preflight", null);
        assertThat(preflight.body()).contains("{\"contactId\":" + contact + ",\"name\":\"Anna de Vries\",\"address\":\"Anna+foto@example.nl\","
                + "\"verdict\":\"ALLOW\",\"basisOrDenial\":\"CONSENT\"");
    }

    @Test
    void theJsonEndpointTakesASignUpAndAnEnglishFormConfirmsInEnglish() throws Exception {
        Form form = newForm("en");
        HttpResponse<String> definition = http.send(HttpRequest.newBuilder(uri("/f/" + form.key())).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(definition.body()).contains("\"honeypotField\":\"website\"", "\"label\":\"Studio news\"");
        HttpResponse<String> accepted = postJson("/f/" + form.key(), """
                {"email": "bob@example.com", "topics": ["acties"]}""");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"status\":\"CONFIRMATION_PENDING\"", "Check your mailbox");
        String mail = mailTo("bob@example.com");
        assertThat(mail).contains("Subject: Please confirm your sign-up: Newsletter");
        HttpResponse<String> done = post(confirmLink(mail), "", Map.of());
        assertThat(done.body()).contains("<html lang=\"en\"", "Sign-up confirmed");
        long contact = jdbc.sql("SELECT contact_id FROM signup_pending WHERE address = 'bob@example.com'").query(Long.class).single();
        assertThat(decision(contact, "acties")).contains("\"verdict\":\"ALLOW\"");

        HttpResponse<String> invalid = postJson("/f/" + form.key(), """
                {"email": "not an address", "topics": ["acties"]}""");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"field\":\"email\"");
        assertThat(postJson("/f/" + form.key(), "{\"email\": \"c@example.com\", \"topics\": [\"weer\"]}").body())
                .contains("\"field\":\"topics[0]\"", "is not a topic of this form");
    }

    @Test
    void aBotThatFillsTheHoneypotGetsTheSameAnswerAndNothingIsSentOrStored() throws Exception {
        Form form = newForm("nl");
        HttpResponse<String> bot = post("/f/" + form.key(), "email=bot%40example.nl&topic=nieuws&website=http%3A%2F%2Fspam.example", Map.of());
        HttpResponse<String> person = post("/f/" + form.key(), "email=mens%40example.nl&topic=nieuws&website=", Map.of());
        assertThat(bot.statusCode()).isEqualTo(person.statusCode()).isEqualTo(200);
        assertThat(bot.body()).isEqualTo(person.body());
        mailTo("mens@example.nl");
        assertThat(caughtFor("bot@example.nl")).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM signup_pending WHERE address = 'bot@example.nl'").query(Long.class).single()).isZero();
    }

    @Test
    void noBoxIsTickedInAdvanceAndASubmissionWithoutATickIsRefused() throws Exception {
        Form form = newForm("nl");
        assertThat(get("/f/" + form.key()).body()).doesNotContainIgnoringCase("checked");
        assertThat(api("GET", "/api/v1/forms/" + form.id() + "/embed", null).body())
                .contains("action=\"http://localhost:", "/f/" + form.key() + "\"", "type=\"checkbox\"").doesNotContainIgnoringCase("checked");

        HttpResponse<String> unticked = post("/f/" + form.key(), "email=jan%40example.nl&name=Jan", Map.of());
        assertThat(unticked.statusCode()).isEqualTo(400);
        assertThat(unticked.body()).contains("role=\"alert\"", "Vink minstens één vakje aan", "value=\"jan@example.nl\"")
                .doesNotContainIgnoringCase("checked");
        assertThat(postJson("/f/" + form.key(), "{\"email\": \"jan@example.nl\", \"topics\": []}").body())
                .contains("\"field\":\"topics\"", "NL-AVG-7");

        HttpResponse<String> preTicked = api("POST", "/api/v1/forms", """
                {"name": "Vooraf aangevinkt", "consentTextId": %d, "fromAddress": "nieuws@fotostudio-jansen.nl", "preTicked": true}"""
                .formatted(form.textId()));
        assertThat(preTicked.statusCode()).isEqualTo(400);
        assertThat(preTicked.body()).contains("\"field\":\"preTicked\"", "NL-AVG-7");
        assertThat(caughtFor("jan@example.nl")).isEmpty();
    }

    @Test
    void anExpiredLinkAndAForgedLinkGetAPageThatNamesNoAddress() throws Exception {
        Form form = newForm("nl");
        post("/f/" + form.key(), "email=laat%40example.nl&topic=nieuws", Map.of());
        String link = confirmLink(mailTo("laat@example.nl"));

        String forged = link.substring(0, link.length() - 3) + (link.endsWith("AAA") ? "AAB" : "AAA");
        for (HttpResponse<String> refused : List.of(get(forged), post(forged, "", Map.of()))) {
            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(refused.body()).contains("Deze link werkt niet").doesNotContain("laat@");
        }
        assertThat(get("/f/confirm/" + "A".repeat(43)).statusCode()).as("never issued").isEqualTo(404);

        clock.advance(Duration.ofHours(72).plusMinutes(1));
        for (HttpResponse<String> expired : List.of(get(link), post(link, "", Map.of()))) {
            assertThat(expired.statusCode()).isEqualTo(410);
            assertThat(expired.body()).contains("Deze bevestigingslink is verlopen").doesNotContain("laat@");
        }
        assertThat(jdbc.sql("SELECT state FROM signup_pending WHERE address = 'laat@example.nl'").query(String.class).single())
                .isEqualTo("PENDING");
        assertThat(consentsFor("laat@example.nl")).isZero();
    }

    @Test
    void signingUpAgainWithinTenMinutesSendsNoSecondMail() throws Exception {
        Form form = newForm("nl");
        post("/f/" + form.key(), "email=twee%40example.nl&topic=nieuws", Map.of());
        mailTo("twee@example.nl");
        HttpResponse<String> again = post("/f/" + form.key(), "email=TWEE%40example.nl&topic=acties", Map.of());
        assertThat(again.body()).as("the same answer").contains("Bijna klaar");
        assertThat(caughtFor("twee@example.nl")).hasSize(1);

        clock.advance(Duration.ofMinutes(11));
        post("/f/" + form.key(), "email=twee%40example.nl&topic=acties", Map.of());
        waitFor(() -> caughtFor("twee@example.nl").size() == 2, "a second mail after the window");
    }

    @Test
    void tooManySubmissionsToOneFormOrFromOneAddressAre429WithRetryAfter() throws Exception {
        Form first = newForm("nl");
        for (int i = 0; i < 3; i++) {
            assertThat(post("/f/" + first.key(), "email=r" + i + "%40example.nl&topic=nieuws", Map.of()).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> formFull = post("/f/" + first.key(), "email=r9%40example.nl&topic=nieuws", Map.of());
        assertThat(formFull.statusCode()).isEqualTo(429);
        assertThat(formFull.headers().firstValue("Retry-After")).isPresent();
        assertThat(formFull.body()).contains("Er zijn zojuist te veel aanmeldingen gedaan");

        Form second = newForm("nl");
        assertThat(post("/f/" + second.key(), "email=s0%40example.nl&topic=nieuws", Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> ipFull = postJson("/f/" + second.key(), "{\"email\": \"s9@example.nl\", \"topics\": [\"nieuws\"]}");
        assertThat(ipFull.statusCode()).as("five from this address within the hour").isEqualTo(429);
        assertThat(ipFull.headers().firstValue("Retry-After")).isPresent();
        assertThat(ipFull.body()).contains("\"retryAfterSeconds\":");
    }

    @Test
    void consentTextsAndFormsOverTheApiNameTheFieldAndNeedAWriteToken() throws Exception {
        Form form = newForm("nl");
        HttpResponse<String> changed = api("PUT", "/api/v1/consent-texts/" + form.textId() + "/versions/1", """
                {"wording": "Iets anders", "language": "nl", "channels": ["EMAIL"]}""");
        assertThat(changed.statusCode()).as("a form shows it").isEqualTo(409);
        assertThat(changed.body()).contains("can no longer change", "/versions");
        HttpResponse<String> second = api("POST", "/api/v1/consent-texts/" + form.textId() + "/versions", """
                {"wording": "Ja, stuur mij e-mail over:", "language": "nl", "topics": [{"topic": "nieuws"}], "channels": ["EMAIL"]}""");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(second.headers().firstValue("Location")).contains("/api/v1/consent-texts/" + form.textId() + "/versions/2");
        assertThat(second.body()).contains("\"version\":2", "\"label\":\"nieuws\"", "\"usedAt\":null");
        HttpResponse<String> draftChanged = api("PUT", "/api/v1/consent-texts/" + form.textId() + "/versions/2", """
                {"wording": "Ja, stuur mij e-mail over het nieuws.", "language": "nl", "channels": ["EMAIL"]}""");
        assertThat(draftChanged.statusCode()).as("no form shows it yet").isEqualTo(200);
        assertThat(api("GET", "/api/v1/consent-texts/" + form.textId(), null).body())
                .contains("\"version\":1", "\"version\":2", "Ja, stuur mij e-mail over het nieuws.");
        assertThat(api("GET", "/api/v1/consent-texts", null).body()).contains("\"consentTexts\":[");
        assertThat(api("GET", "/api/v1/forms/" + form.id(), null).body()).contains("\"formKey\":\"" + form.key() + "\"",
                "\"url\":\"http://localhost:", "\"consentTextVersion\":{");
        assertThat(api("GET", "/api/v1/forms", null).body()).contains("\"forms\":[");

        assertThat(api("POST", "/api/v1/consent-texts", "{\"name\": \"X\", \"wording\": \"Ja.\", \"language\": \"nl\"}").body())
                .contains("\"field\":\"channels\"");
        assertThat(api("POST", "/api/v1/consent-texts", "{\"name\": \"X\", \"wording\": \"Ja.\", \"language\": \"xx-!\", \"channels\": [\"EMAIL\"]}")
                .body()).contains("\"field\":\"language\"");
        assertThat(api("POST", "/api/v1/forms", "{\"name\": \"X\", \"consentTextId\": " + form.textId() + "}").body())
                .contains("\"field\":\"fromAddress\"");
        assertThat(api("POST", "/api/v1/forms", "{\"name\": \"X\", \"consentTextId\": " + form.textId()
                + ", \"fromAddress\": \"a@b.nl\", \"redirectUrl\": \"javascript:alert(1)\"}").body()).contains("\"field\":\"redirectUrl\"");
        assertThat(api("GET", "/api/v1/consent-texts/999999", null).statusCode()).isEqualTo(404);
        assertThat(api("GET", "/api/v1/consent-texts/" + form.textId() + "/versions/9", null).statusCode()).isEqualTo(404);
        assertThat(api("GET", "/api/v1/forms/999999/embed", null).statusCode()).isEqualTo(404);
        assertThat(get("/f/no-such-form").statusCode()).isEqualTo(404);

        String read = tokens.create("viewer", TokenScope.READ);
        assertThat(http.send(HttpRequest.newBuilder(uri("/api/v1/consent-texts")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(uri("/api/v1/forms")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + read).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(http.send(HttpRequest.newBuilder(uri("/api/v1/forms/" + form.id() + "/embed")).header("Authorization", "Bearer " + read)
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void notMeCancelsTheSignUpAlsoByTheMailClientsOneClick() throws Exception {
        Form form = newForm("nl");
        post("/f/" + form.key(), "email=nietik%40example.nl&topic=nieuws", Map.of());
        String mail = mailTo("nietik@example.nl");
        String link = confirmLink(mail);
        assertThat(mail).contains("List-Unsubscribe: <http://localhost:");
        assertThat(get(link + "/decline").body()).contains("<button type=\"submit\">Aanmelding annuleren</button>");
        HttpResponse<String> oneClick = post(link + "/decline", "List-Unsubscribe=One-Click", Map.of());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(oneClick.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(oneClick.body()).contains("Aanmelding geannuleerd");
        assertThat(post(link, "", Map.of()).body()).as("no longer confirmable").contains("Aanmelding geannuleerd");
        assertThat(consentsFor("nietik@example.nl")).isZero();
    }

    // --- helpers

    private record Form(long id, String key, long textId) {
    }

    private Form newForm(String language) throws Exception {
        boolean english = language.equals("en");
        HttpResponse<String> text = api("POST", "/api/v1/consent-texts", english ? """
                {"name": "Newsletter", "wording": "Yes, I want e-mail from Fotostudio Jansen about:", "language": "en",
                 "topics": [{"topic": "nieuws", "label": "Studio news"}, {"topic": "acties", "label": "Offers"}], "channels": ["EMAIL"]}"""
                : """
                {"name": "Nieuwsbrief", "wording": "Ja, ik wil e-mail van Fotostudio Jansen ontvangen over:", "language": "nl",
                 "topics": [{"topic": "nieuws", "label": "Nieuws over de studio"}, {"topic": "acties", "label": "Acties en kortingen"}],
                 "channels": ["EMAIL"]}""");
        assertThat(text.statusCode()).as(text.body()).isEqualTo(201);
        long textId = idOf(text.body());
        HttpResponse<String> form = api("POST", "/api/v1/forms", """
                {"name": "%s", "consentTextId": %d, "fromAddress": "nieuws@fotostudio-jansen.nl", "fromName": "Fotostudio Jansen"}"""
                .formatted(english ? "Newsletter" : "Nieuwsbrief", textId));
        assertThat(form.statusCode()).as(form.body()).isEqualTo(201);
        Matcher key = Pattern.compile("\"formKey\":\"([A-Za-z0-9_-]+)\"").matcher(form.body());
        assertThat(key.find()).isTrue();
        return new Form(idOf(form.body()), key.group(1), textId);
    }

    private String decision(long contact, String topic) throws Exception {
        return api("POST", "/api/v1/contacts/" + contact + "/decision", """
                {"channel": "EMAIL", "purpose": "COMMERCIAL", "topics": ["%s"]}""".formatted(topic)).body();
    }

    private List<MailCatcher.Summary> caughtFor(String address) {
        return catcher.list(0, 500).messages().stream().filter(message -> message.to().contains(address)).toList();
    }

    private String mailTo(String address) throws Exception {
        waitFor(() -> !caughtFor(address).isEmpty(), "a confirmation mail to " + address);
        return catcher.get(caughtFor(address).getFirst().id()).orElseThrow().raw();
    }

    private static String confirmLink(String raw) {
        // Quoted-printable may fold long lines; the link is whole in the text part's unfolded form.
        Matcher link = CONFIRM_LINK.matcher(raw.replace("=\r\n", "").replace("=\n", ""));
        assertThat(link.find()).as(raw).isTrue();
        return link.group(1);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within 20 s");
            }
            Thread.sleep(50);
        }
    }

    private static long idOf(String json) {
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(json);
        if (!id.find()) {
            throw new AssertionError("no id in " + json);
        }
        return Long.parseLong(id.group(1));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String path, String form, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> postJson(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> api(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + write).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private long consentsFor(String address) {
        return jdbc.sql("SELECT COUNT(*) FROM evidence_record WHERE kind = 'CONSENT' AND content LIKE :address")
                .param("address", "%\"" + address + "\"%").query(Long.class).single();
    }
}
