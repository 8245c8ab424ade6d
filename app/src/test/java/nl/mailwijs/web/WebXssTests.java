package nl.mailwijs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.mailwijs.campaigns.Audience;
import nl.mailwijs.campaigns.Campaign;
import nl.mailwijs.campaigns.CampaignDraft;
import nl.mailwijs.campaigns.Campaigns;
import nl.mailwijs.campaigns.Preflight;
import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.NewContact;
import nl.mailwijs.content.BodyFormat;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.evidence.ConsentEvidence;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.ObjectionEvidence;
import nl.mailwijs.evidence.PurchaseEvidence;
import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsChange;
import nl.mailwijs.settings.SettingsStore;
import nl.mailwijs.signup.ConsentText;
import nl.mailwijs.signup.ConsentTextDraft;
import nl.mailwijs.signup.ConsentTextVersion;
import nl.mailwijs.signup.ConsentTexts;
import nl.mailwijs.signup.NewSignupForm;
import nl.mailwijs.signup.SignupForm;
import nl.mailwijs.signup.SignupForms;

/**
 * Script stored in every free-text field of a contact (and its evidence), a campaign (and its
 * segment), the sender settings, a consent text and a sign-up form is shown as text on every page that shows the field: escaped,
 * never as markup, and the e-mail previews carry no script at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:web-xss;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "MAILWIJS_ADMIN_PASSWORD=" + WebXssTests.PASSWORD, "mailwijs.sending.enabled=false"})
class WebXssTests {

    static final String PASSWORD = "web-xss-password";
    /** Breaks out of text, of a quoted attribute, and of a tag, each with its own marker. */
    static final String SCRIPT = "<script>alert('xss-1')</script>\"'><img src=x onerror=alert('xss-2')><svg onload=alert('xss-3')>";
    private static final String ESCAPED = "&lt;script&gt;alert(";

    @LocalServerPort
    int port;

    @Autowired
    Contacts contacts;

    @Autowired
    Ledger ledger;

    @Autowired
    Campaigns campaigns;

    @Autowired
    Preflight preflight;

    @Autowired
    SettingsStore settings;

    @Autowired
    ConsentTexts consentTexts;

    @Autowired
    SignupForms signupForms;

    @Autowired
    nl.mailwijs.platform.ApiTokens tokens;

    @Test
    void scriptInEveryFreeTextFieldIsShownAsTextOnEveryPage() throws Exception {
        SenderSettings sender = settings.change(new SettingsChange("Jansen B.V. " + SCRIPT, "Jansen " + SCRIPT, "12345678",
                "Kerkstraat 1 " + SCRIPT, "NL", "privacy@jansen.example", Map.of("prints " + SCRIPT, List.of("albums " + SCRIPT)), null,
                List.of("info")), "admin");
        Contact contact = contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Anna " + SCRIPT, "k-" + SCRIPT,
                List.of("vip " + SCRIPT), "{\"note\": \"" + SCRIPT.replace("\"", "\\\"") + "\"}",
                List.of(new NewContact.NewAddress(Channel.EMAIL, "anna@example.nl")))).contact();
        Instant lastMonth = Instant.now().minus(30, ChronoUnit.DAYS);
        ledger.append(contact.id(), new PurchaseEvidence("o-" + SCRIPT, lastMonth, List.of("prints " + SCRIPT), Proof.INVOICE,
                "inv " + SCRIPT, true, true));
        ledger.append(contact.id(), new ConsentEvidence("c-" + SCRIPT, lastMonth, Set.of(Channel.EMAIL), List.of("topic " + SCRIPT),
                ConsentMethod.DOUBLE_OPT_IN, ObtainedBy.SENDER, new ConsentEvidence.Wording(null, "Ja " + SCRIPT, "v-" + SCRIPT, "nl"),
                lastMonth, null, null));
        ledger.append(contact.id(), new ObjectionEvidence("b-" + SCRIPT, Instant.now().minusSeconds(60), false, Set.of(Channel.SMS),
                List.of(), ObjectionRoute.LETTER, "brief " + SCRIPT));
        long segment = campaigns.createSegment("Segment " + SCRIPT, new Audience(List.of("vip " + SCRIPT), List.of(), List.of(), null,
                List.of())).id();
        Campaign campaign = campaigns.create(new CampaignDraft("Actie " + SCRIPT, Purpose.COMMERCIAL, List.of("albums " + SCRIPT), true,
                "nieuws@jansen.example", "Jansen " + SCRIPT, "Onderwerp " + SCRIPT, "Voorproef " + SCRIPT, BodyFormat.MARKDOWN,
                "Tekst " + SCRIPT + "\n\n<script>alert('xss-4')</script>", "Platte tekst " + SCRIPT, Language.NL, segment), sender);
        preflight.run(campaign.id());
        ConsentText consentText = consentTexts.create("Nieuwsbrief " + SCRIPT, new ConsentTextDraft("Ja " + SCRIPT, "nl",
                List.of(new ConsentTextVersion.Topic("prints " + SCRIPT, "Afdrukken " + SCRIPT)), Set.of(Channel.EMAIL)));
        SignupForm form = signupForms.create(new NewSignupForm("Formulier " + SCRIPT, consentText.latest().id(), null, null, null, "NL",
                "info@jansen.example", "Jansen " + SCRIPT, null, "Dank " + SCRIPT));
        tokens.create("Token " + SCRIPT, nl.mailwijs.platform.TokenScope.READ);

        WebSession browser = new WebSession(port).signIn("admin", PASSWORD);
        List<String> pages = List.of("/", "/dashboard/basis", "/contacts", "/contacts?q=anna", "/contacts/" + contact.id(), "/campaigns",
                "/campaigns/" + campaign.id(), "/campaigns/" + campaign.id() + "/edit", "/campaigns/new", "/settings",
                "/settings/consent-texts", "/settings/consent-texts/" + consentText.id(), "/settings/forms", "/settings/forms/" + form.id(),
                "/settings/relays", "/settings/dkim", "/tokens", "/compliance", "/compliance/dossier?address=anna@example.nl",
                "/campaigns/" + campaign.id() + "/audience");
        for (String page : pages) {
            HttpResponse<String> response = browser.get(page);

            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.body()).as(page).doesNotContain("<script>alert", "<img src=x", "<svg onload");
            org.jsoup.nodes.Document document = org.jsoup.Jsoup.parse(response.body());
            assertThat(document.select("script").stream().filter(script -> script.data().contains("xss") || !script.hasAttr("src")))
                    .as(page + ": every script is a file of the application").isEmpty();
            assertThat(document.select("[onerror], [onload], svg:not(.bar-svg), img[src=x]")).as(page + ": no element came from the data").isEmpty();
        }
        assertThat(browser.get("/contacts/" + contact.id()).body()).as("every field of the contact is shown, escaped")
                .contains("Anna " + ESCAPED, "k-" + ESCAPED, "vip " + ESCAPED, "o-" + ESCAPED, "prints " + ESCAPED, "Ja " + ESCAPED,
                        "brief " + ESCAPED);
        assertThat(browser.get("/campaigns/" + campaign.id()).body()).as("the campaign's fields, escaped")
                .contains("Actie " + ESCAPED, "albums " + ESCAPED, "Onderwerp " + ESCAPED, "Segment " + ESCAPED, "Platte tekst " + ESCAPED);
        assertThat(browser.get("/campaigns/" + campaign.id() + "/edit").body()).as("form values, escaped")
                .contains("Tekst " + ESCAPED, "Voorproef " + ESCAPED);
        assertThat(browser.get("/settings").body()).contains("Jansen B.V. " + ESCAPED, "Kerkstraat 1 " + ESCAPED);
        assertThat(browser.get("/settings/consent-texts/" + consentText.id()).body()).as("the consent text's fields, escaped")
                .contains("Nieuwsbrief " + ESCAPED, "Ja " + ESCAPED, "Afdrukken " + ESCAPED, "prints " + ESCAPED);
        assertThat(browser.get("/settings/forms/" + form.id()).body()).as("the form's fields, and the embed code escaped once more")
                .contains("Formulier " + ESCAPED, "Jansen " + ESCAPED, "Afdrukken &amp;lt;script&amp;gt;alert(");
        assertThat(browser.get("/settings/forms").body()).contains("Formulier " + ESCAPED, "Nieuwsbrief " + ESCAPED);
        assertThat(browser.get("/tokens").body()).as("the token's name, escaped").contains("Token " + ESCAPED);
        assertThat(browser.get("/compliance/dossier?address=anna@example.nl").body()).as("the dossier's fields, escaped")
                .contains("Anna " + ESCAPED, "k-" + ESCAPED, "o-" + ESCAPED, "prints " + ESCAPED, "Ja " + ESCAPED, "brief " + ESCAPED,
                        "Actie " + ESCAPED);
        assertThat(browser.get("/campaigns/" + campaign.id() + "/audience").body()).as("the segment's name, escaped")
                .contains("Segment " + ESCAPED);

        HttpResponse<String> preview = browser.get("/campaigns/" + campaign.id() + "/preview");
        org.jsoup.nodes.Document mail = org.jsoup.Jsoup.parse(preview.body());
        assertThat(preview.body()).as("the e-mail HTML is sanitised").doesNotContainIgnoringCase("<script").doesNotContain("<img src=x", "<svg");
        assertThat(mail.select("script, svg, [onerror], [onload], img[src=x]")).isEmpty();
        assertThat(mail.text()).contains("Onderwerp <script>alert('xss-1')</script>").as("shown as the text it is");
        assertThat(preview.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "sandbox"));
    }
    @Test
    void scriptInAnImportedHeaderOrRowAndInASegmentFormIsShownAsText() throws Exception {
        SenderSettings sender = settings.change(new SettingsChange("Jansen B.V.", "Jansen", "12345678", "Kerkstraat 1", "NL",
                "privacy@jansen.example", Map.of(), null, List.of("info")), "admin");
        Campaign campaign = campaigns.create(new CampaignDraft("Segment-actie", Purpose.COMMERCIAL, List.of("albums"), true,
                "nieuws@jansen.example", "Jansen", "Onderwerp", null, BodyFormat.MARKDOWN, "Tekst", null, Language.NL, null), sender);
        WebSession browser = new WebSession(port).signIn("admin", PASSWORD);

        browser.get("/imports");
        String csvScript = "\"" + SCRIPT.replace("\"", "\"\"") + "\"";
        HttpResponse<String> mapping = browser.postMultipart("/imports", Map.of("contacts",
                "contact_id;email;" + csvScript + "\nx-1;" + csvScript + ";waarde\n"));
        String job = ImportSteps.run(browser, ImportSteps.mapping(mapping.body()));
        ImportSteps.awaitDone(browser, job);
        HttpResponse<String> report = browser.get(job);

        browser.get("/campaigns/" + campaign.id() + "/audience");
        Map<String, String> segment = new java.util.LinkedHashMap<>();
        for (String field : List.of("segmentName", "tags", "countries", "purchaseCategories", "consentTopics")) {
            segment.put(field, field + " " + SCRIPT);
        }
        segment.put("attributes", "stad: " + SCRIPT);
        segment.put("action", "count");
        HttpResponse<String> counted = browser.post("/campaigns/" + campaign.id() + "/segments", segment);
        segment.put("action", "save");
        HttpResponse<String> saved = browser.post("/campaigns/" + campaign.id() + "/segments", segment);
        HttpResponse<String> audience = browser.get("/campaigns/" + campaign.id() + "/audience");

        assertThat(saved.statusCode()).isEqualTo(302);
        for (HttpResponse<String> page : List.of(mapping, report, counted, audience)) {
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).doesNotContain("<script>alert", "<img src=x", "<svg onload");
            org.jsoup.nodes.Document document = org.jsoup.Jsoup.parse(page.body());
            assertThat(document.select("script").stream().filter(script -> script.data().contains("xss") || !script.hasAttr("src"))).isEmpty();
            assertThat(document.select("[onerror], [onload], svg, img[src=x]")).isEmpty();
        }
        assertThat(mapping.body()).as("the header as written, escaped").contains(ESCAPED);
        assertThat(report.body()).as("the refused address, escaped").contains(ESCAPED);
        assertThat(counted.body()).as("what was typed, escaped").contains("segmentName " + ESCAPED, "stad: " + ESCAPED);
        assertThat(audience.body()).contains("segmentName " + ESCAPED);
    }
}
