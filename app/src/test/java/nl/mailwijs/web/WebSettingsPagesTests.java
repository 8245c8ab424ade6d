package nl.mailwijs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.mailwijs.delivery.DkimKeyStore;
import nl.mailwijs.delivery.MailCatcher;
import nl.mailwijs.delivery.StoredDkimKey;
import nl.mailwijs.platform.AdminAccounts;
import nl.mailwijs.platform.UserRole;
import nl.mailwijs.settings.SettingsChange;
import nl.mailwijs.settings.SettingsStore;
import nl.mailwijs.signup.ConsentTexts;
import nl.mailwijs.signup.SignupForms;

/**
 * The settings pages for relays, DKIM keys, consent texts and sign-up forms, over real HTTP as a
 * browser without JavaScript uses them: only an admin gets them, and what is made on them (a key,
 * a version, a form) shows what to publish or paste.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:web-settings;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "MAILWIJS_ADMIN_PASSWORD=" + WebSettingsPagesTests.PASSWORD, "mailwijs.sending.enabled=false",
        "mailwijs.public-url=https://aanmelden.fotostudio-jansen.nl"})
class WebSettingsPagesTests {

    static final String PASSWORD = "web-settings-password";
    static final List<String> PAGES = List.of("/settings/relays", "/settings/dkim", "/settings/consent-texts", "/settings/forms");
    private static final Pattern LOCATION_ID = Pattern.compile("/(\\d+)$");

    @LocalServerPort
    int port;

    @Autowired
    DkimKeyStore keys;

    @Autowired
    ConsentTexts texts;

    @Autowired
    SignupForms forms;

    @Autowired
    MailCatcher catcher;

    @BeforeAll
    static void users(@Autowired AdminAccounts accounts, @Autowired SettingsStore settings) {
        accounts.create("marketeer", "marketeer-password", UserRole.MARKETER);
        accounts.create("kijker", "kijker-password-1", UserRole.VIEWER);
        settings.change(new SettingsChange("Fotostudio Jansen B.V.", "Fotostudio Jansen", "12345678", "Kerkstraat 1, 1234 AB Utrecht", "NL",
                "privacy@fotostudio-jansen.nl", Map.of(), null, List.of()), "admin");
    }

    @Test
    void anAdminReachesEveryPageFromTheSettingsPageInBothLanguages() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        Document settings = Jsoup.parse(admin.get("/settings").body());
        assertThat(settings.select("nav.sub-nav a").eachAttr("href")).containsAll(PAGES);
        for (String page : PAGES) {
            HttpResponse<String> dutch = admin.get(page);
            assertThat(dutch.statusCode()).as(page).isEqualTo(200);
            assertThat(Jsoup.parse(dutch.body()).select("nav.sub-nav a[aria-current=page]").attr("href")).as(page).isEqualTo(page);
            HttpResponse<String> english = admin.get(page + "?lang=en");
            assertThat(english.statusCode()).as(page).isEqualTo(200);
            assertThat(Jsoup.parse(english.body()).select("h1").text()).as(page).isIn("SMTP relays", "DKIM keys", "Consent texts", "Sign-up forms");
        }
    }

    @Test
    void marketersAndViewersAreRefusedEverySettingsPageAndChange() throws Exception {
        long text = texts.create("Intern", new nl.mailwijs.signup.ConsentTextDraft("Ja", "nl", List.of(),
                java.util.Set.of(nl.mailwijs.engine.request.Channel.EMAIL))).id();
        for (String[] login : new String[][] {{"marketeer", "marketeer-password"}, {"kijker", "kijker-password-1"}}) {
            WebSession session = new WebSession(port).signIn(login[0], login[1]);
            assertThat(session.get("/").body()).doesNotContain("href=\"/settings\"");
            for (String page : List.of("/settings/relays", "/settings/dkim", "/settings/consent-texts", "/settings/consent-texts/" + text,
                    "/settings/forms")) {
                assertThat(session.get(page).statusCode()).as(login[0] + " " + page).isEqualTo(403);
            }
            Map<String, Map<String, String>> changes = new LinkedHashMap<>();
            changes.put("/settings/dkim", Map.of("domain", "inbreker.nl", "selector", "s1", "algorithm", "rsa"));
            changes.put("/settings/consent-texts", Map.of("name", "x", "wording", "x", "language", "nl", "channels", "EMAIL"));
            changes.put("/settings/consent-texts/" + text + "/versions", Map.of("wording", "x", "language", "nl", "channels", "EMAIL"));
            changes.put("/settings/forms", Map.of("name", "x", "consentTextVersionId", "1", "fromAddress", "a@b.nl"));
            changes.put("/settings/relays/test", Map.of("from", "a@b.nl", "to", "c@d.nl"));
            changes.put("/settings/dkim/1/activate", Map.of());
            for (Map.Entry<String, Map<String, String>> change : changes.entrySet()) {
                assertThat(session.post(change.getKey(), change.getValue()).statusCode()).as(login[0] + " " + change.getKey()).isEqualTo(403);
            }
        }
        assertThat(keys.list()).extracting(StoredDkimKey::domain).doesNotContain("inbreker.nl");
        assertThat(texts.require(text).versions()).hasSize(1);
    }

    @Test
    void theRelayPageSaysMailGoesToTheCatcherAndSendsATestMessageThere() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        HttpResponse<String> page = admin.get("/settings/relays");
        assertThat(page.body()).contains("ingebouwde mailcatcher (smtp://127.0.0.1:" + catcher.port() + ")", "MAILWIJS_DELIVERY_RELAYS_0_HOST",
                "Verbindingen tegelijk");
        assertThat(Jsoup.parse(page.body()).select("#test-from").val()).as("the sender's own address to start with")
                .isEqualTo("privacy@fotostudio-jansen.nl");

        HttpResponse<String> sent = admin.post("/settings/relays/test", Map.of("from", "info@test-relay.example", "to", "eigenaar@example.nl"));
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(admin.get("/settings/relays").body()).contains("De relay heeft het testbericht aan eigenaar@example.nl aangenomen",
                "niet ondertekend");
        assertThat(catcher.list(0, 50).messages()).anySatisfy(message -> {
            assertThat(message.to()).contains("eigenaar@example.nl");
            assertThat(message.subject()).isEqualTo("Testbericht van Mailwijs");
        });

        admin.post("/settings/relays/test", Map.of("from", "", "to", "eigenaar@example.nl"));
        assertThat(admin.get("/settings/relays").body()).contains("Vul een afzender en een ontvanger in.");
        admin.post("/settings/relays/test", Map.of("from", "geen adres", "to", "eigenaar@example.nl"));
        assertThat(admin.get("/settings/relays").body()).contains("Een van de adressen klopt niet.");
    }

    @Test
    void aKeyMadeOnThePageShowsItsDnsRecordAndIsSwitchedOnAndOff() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        admin.get("/settings/dkim");
        HttpResponse<String> made = admin.post("/settings/dkim", Map.of("domain", "Fotostudio-Jansen.nl", "selector", "mw2026", "algorithm", "rsa"));
        assertThat(made.statusCode()).isEqualTo(302);
        StoredDkimKey key = keys.list().stream().filter(k -> k.domain().equals("fotostudio-jansen.nl")).findFirst().orElseThrow();
        assertThat(key.active()).as("a new key waits until its record is published").isFalse();
        assertThat(key.keyBits()).isEqualTo(2048);

        Document page = Jsoup.parse(admin.get("/settings/dkim").body());
        assertThat(page.select(".notice.success").text()).contains("Sleutel " + key.id() + " is gemaakt");
        assertThat(page.select("#key-" + key.id() + " pre").eachText()).contains("mw2026._domainkey.fotostudio-jansen.nl",
                key.dnsRecord().value());
        assertThat(key.dnsRecord().value()).startsWith("v=DKIM1; k=rsa; p=");
        assertThat(page.text()).doesNotContain("PRIVATE KEY");

        admin.post("/settings/dkim/" + key.id() + "/activate", Map.of());
        assertThat(keys.find(key.id()).orElseThrow().active()).isTrue();
        assertThat(admin.get("/settings/dkim").body()).contains("Sleutel " + key.id() + " staat aan.", "Aan: ondertekent");
        admin.post("/settings/dkim/" + key.id() + "/deactivate", Map.of());
        assertThat(keys.find(key.id()).orElseThrow().active()).isFalse();

        admin.post("/settings/dkim", Map.of("domain", "fotostudio-jansen.nl", "selector", "ed2026", "algorithm", "ed25519"));
        assertThat(admin.get("/settings/dkim").body()).contains("v=DKIM1; k=ed25519; p=", "Ed25519, 256 bits");

        admin.post("/settings/dkim", Map.of("domain", "fotostudio-jansen.nl", "selector", "mw2026", "algorithm", "rsa"));
        Document taken = Jsoup.parse(admin.get("/settings/dkim").body());
        assertThat(taken.select(".notice.error").text()).isEqualTo("Dit domein heeft al een sleutel met deze selector. Kies een andere selector.");
        assertThat(taken.select("#dkim-selector").val()).as("what was typed stays").isEqualTo("mw2026");
        admin.post("/settings/dkim", Map.of("domain", "niet een domein!", "selector", "mw1", "algorithm", "rsa"));
        assertThat(admin.get("/settings/dkim").body()).contains("Vul een geldige domeinnaam in");
        admin.post("/settings/dkim", Map.of("domain", "example.nl", "selector", "mw_1", "algorithm", "rsa"));
        assertThat(admin.get("/settings/dkim").body()).contains("Vul een selector in");
    }

    @Test
    void aNewWordingIsANewVersionAndTheEarlierOneStays() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        admin.get("/settings/consent-texts");
        HttpResponse<String> created = admin.post("/settings/consent-texts", Map.of("name", "Nieuwsbrief",
                "wording", "Ja, ik ontvang graag de nieuwsbrief.", "language", "nl",
                "topics", "photo-prints: Aanbiedingen voor fotoafdrukken\nworkshops\n", "channels", "EMAIL"));
        assertThat(created.statusCode()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        long id = id(location);
        assertThat(texts.require(id).latest().topics()).extracting(t -> t.topic() + "=" + t.label())
                .containsExactly("photo-prints=Aanbiedingen voor fotoafdrukken", "workshops=workshops");

        Document first = Jsoup.parse(admin.get("/settings/consent-texts/" + id).body());
        assertThat(first.select(".notice.success").text()).isEqualTo("Opgeslagen als versie 1.");
        assertThat(first.select("#wording").text()).as("the next version starts from the latest").isEqualTo("Ja, ik ontvang graag de nieuwsbrief.");
        assertThat(first.select("input[name=channels][checked]").eachAttr("value")).containsExactly("EMAIL");

        admin.post("/settings/consent-texts/" + id + "/versions", Map.of("wording", "Ja, stuur mij de nieuwsbrief van Fotostudio Jansen.",
                "language", "nl", "topics", "photo-prints: Aanbiedingen voor fotoafdrukken", "channels", "EMAIL"));
        Document second = Jsoup.parse(admin.get("/settings/consent-texts/" + id).body());
        assertThat(second.select(".consent-version h3").eachText()).containsExactly("Versie 2", "Versie 1");
        assertThat(second.select(".consent-version pre").eachText()).containsExactly(
                "Ja, stuur mij de nieuwsbrief van Fotostudio Jansen.\n[ ] Aanbiedingen voor fotoafdrukken",
                "Ja, ik ontvang graag de nieuwsbrief.\n[ ] Aanbiedingen voor fotoafdrukken\n[ ] workshops");
        assertThat(texts.require(id).versions().getFirst().wording()).isEqualTo("Ja, ik ontvang graag de nieuwsbrief.");
        assertThat(Jsoup.parse(admin.get("/settings/consent-texts").body()).select("tbody tr").text()).contains("Nieuwsbrief 2 nl");

        admin.post("/settings/consent-texts/" + id + "/versions", Map.of("wording", "Ja", "language", "nl", "topics", ""));
        Document refused = Jsoup.parse(admin.get("/settings/consent-texts/" + id).body());
        assertThat(refused.select(".notice.error").text()).isEqualTo("Kies minstens een kanaal.");
        assertThat(refused.select("#wording").text()).as("what was typed stays").isEqualTo("Ja");
        assertThat(texts.require(id).versions()).hasSize(2);
        admin.post("/settings/consent-texts", Map.of("name", "Leeg", "wording", " ", "language", "nl", "channels", "EMAIL"));
        assertThat(admin.get("/settings/consent-texts").body()).contains("Vul de tekst in waarmee de persoon instemt.");
        assertThat(admin.get("/settings/consent-texts/999999").statusCode()).isEqualTo(404);
    }

    @Test
    void aFormMadeOnThePageShowsItsEmbedCodeAndJsonEndpoint() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        admin.get("/settings/consent-texts");
        long text = id(admin.post("/settings/consent-texts", Map.of("name", "Workshops", "wording", "Ja, mail mij over workshops.",
                "language", "nl", "topics", "workshops: Nieuwe workshops", "channels", "EMAIL")).headers().firstValue("Location").orElseThrow());
        long smsOnly = texts.create("Sms", new nl.mailwijs.signup.ConsentTextDraft("Ja, sms", "nl", List.of(),
                java.util.Set.of(nl.mailwijs.engine.request.Channel.SMS))).latest().id();
        long version = texts.require(text).latest().id();

        Document list = Jsoup.parse(admin.get("/settings/forms").body());
        assertThat(list.select("#form-version option").eachAttr("value")).as("only e-mail versions fit a form")
                .contains(String.valueOf(version)).doesNotContain(String.valueOf(smsOnly));
        HttpResponse<String> created = admin.post("/settings/forms", Map.of("name", "Workshops op de site", "consentTextVersionId",
                String.valueOf(version), "fromAddress", "info@fotostudio-jansen.nl", "fromName", "Fotostudio Jansen", "country", "nl",
                "redirectUrl", "", "thanksText", ""));
        assertThat(created.statusCode()).isEqualTo(302);
        long formId = id(created.headers().firstValue("Location").orElseThrow());
        String formKey = forms.require(formId).formKey();

        HttpResponse<String> page = admin.get("/settings/forms/" + formId);
        Document document = Jsoup.parse(page.body());
        String embed = document.select("pre.embed-code").text();
        assertThat(embed).contains("<form class=\"mailwijs-signup\" method=\"post\" action=\"https://aanmelden.fotostudio-jansen.nl/f/"
                + formKey + "\"", "Ja, mail mij over workshops.", "value=\"workshops\"", "Nieuwe workshops");
        assertThat(document.select("main form.mailwijs-signup")).as("the snippet is shown as text, not as a form").isEmpty();
        assertThat(page.body()).contains("&lt;form class=&quot;mailwijs-signup&quot;");
        assertThat(document.select("pre.copyable").eachText()).contains("POST https://aanmelden.fotostudio-jansen.nl/f/" + formKey);
        assertThat(document.select("pre.json-example").text()).contains("\"email\"", "\"topics\" : [ \"workshops\" ]");
        assertThat(document.select(".notice.success").text()).contains("Het formulier is gemaakt");
        assertThat(Jsoup.parse(admin.get("/settings/forms").body()).select("tbody").text()).contains("Workshops op de site",
                "Workshops, versie 1");
        assertThat(Jsoup.parse(admin.get("/settings/consent-texts/" + text).body()).select(".consent-version").text())
                .as("the version is fixed now").contains("Sinds");

        admin.post("/settings/forms", Map.of("name", "Fout", "consentTextVersionId", String.valueOf(version), "fromAddress", "geen adres"));
        Document refused = Jsoup.parse(admin.get("/settings/forms").body());
        assertThat(refused.select(".notice.error").text()).isEqualTo("Vul een geldig afzenderadres in.");
        assertThat(refused.select("#form-name").val()).isEqualTo("Fout");
        admin.post("/settings/forms", Map.of("name", "Sms", "consentTextVersionId", String.valueOf(smsOnly), "fromAddress", "a@fotostudio-jansen.nl"));
        assertThat(admin.get("/settings/forms").body()).contains("Kies een toestemmingstekst voor alleen e-mail");
        assertThat(admin.get("/settings/forms/999999").statusCode()).isEqualTo(404);
    }

    private static long id(String location) {
        Matcher id = LOCATION_ID.matcher(location);
        assertThat(id.find()).as(location).isTrue();
        return Long.parseLong(id.group(1));
    }
}
