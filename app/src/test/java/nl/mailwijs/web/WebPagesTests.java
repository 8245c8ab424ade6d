package nl.mailwijs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.mailwijs.delivery.MailCatcher;

/**
 * The main flow through the pages over real HTTP, as a browser without JavaScript does it:
 * settings, an import with a refused row, search, a contact's basis and evidence, an objection
 * taken by phone, a campaign from content with its footer through the pre-flight to the mail
 * catcher.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:web-pages;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "MAILWIJS_ADMIN_PASSWORD=" + WebPagesTests.PASSWORD, "mailwijs.sending.workers=1"})
class WebPagesTests {

    static final String PASSWORD = "web-pages-password";
    private static final Pattern LOCATION_ID = Pattern.compile("/campaigns/(\\d+)");

    @LocalServerPort
    int port;

    @Autowired
    MailCatcher catcher;

    private WebSession browser;

    @BeforeEach
    void signIn() throws Exception {
        browser = new WebSession(port).signIn("admin", PASSWORD);
        catcher.clear();
    }

    @Test
    void fromSettingsAndImportThroughTheContactPageToACampaignInTheMailCatcher() throws Exception {
        browser.get("/settings");
        HttpResponse<String> saved = browser.post("/settings", Map.of("legalName", "Fotostudio Jansen B.V.", "tradeName", "Fotostudio Jansen",
                "kvkNumber", "12345678", "postalAddress", "Kerkstraat 1, 1234 AB Utrecht", "country", "nl",
                "objectionAddress", "privacy@fotostudio-jansen.nl", "similarTopics", "portrait-photography: photo-prints\n",
                "softOptInMonths", "", "offerAddressLocalParts", ""));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(browser.get("/settings").body()).contains("Opgeslagen als versie", "portrait-photography: photo-prints");

        String recently = LocalDate.now(ZoneOffset.UTC).minusMonths(2).toString();
        String imported = ImportSteps.importAsRecognised(browser, Map.of(
                "contacts", "contact_id;name;email;country;kind\nk-1;Anna de Vries;anna@example.nl;NL;person\n"
                        + "k-2;Piet Bakker;piet@example.nl;NL;person\nk-3;Fout Adres;geen-adres;NL;person\n",
                "purchases", "contact_id;order_id;date;categories;proof;address_collected_in_sale;objection_offered\n"
                        + "k-1;W-1001;" + recently + ";portrait-photography;INVOICE;ja;ja\nk-2;W-1002;" + recently + ";portrait-photography;INVOICE;ja;ja\n"));
        assertThat(imported).contains("Resultaat van de import", "1 regel is geweigerd", "contacts.csv", "geen-adres");

        HttpResponse<String> search = browser.get("/contacts?q=anna");
        assertThat(search.body()).contains("Anna de Vries", "1 contact").doesNotContain("Piet Bakker");
        HttpResponse<String> typed = browser.getAsHtmx("/contacts?q=piet");
        assertThat(typed.body()).as("htmx gets the results only").startsWith("<section id=\"results\"").contains("Piet Bakker")
                .doesNotContain("<html");
        String anna = contactPath(search.body(), "Anna de Vries");
        String piet = contactPath(browser.get("/contacts?q=piet").body(), "Piet Bakker");

        HttpResponse<String> annaPage = browser.get(anna);
        assertThat(annaPage.body()).contains("Mag ik deze persoon mailen?", "Ja, dat mag", "data-basis=\"SOFT_OPT_IN\"",
                "NL-TW-11.7-3", "W-1001", "Aankoop", "Geldig tot");

        HttpResponse<String> objection = browser.post(piet + "/objections", Map.of("via", "PHONE", "receivedOn",
                LocalDate.now(ZoneOffset.UTC).minusDays(1).toString(), "note", "Belde de winkel: wil geen mail meer."));
        assertThat(objection.statusCode()).isEqualTo(302);
        HttpResponse<String> pietPage = browser.get(piet);
        assertThat(pietPage.body()).contains("Het bezwaar is vastgelegd", "Nee, niet mailen", "data-denial=\"OBJECTED\"",
                "Belde de winkel: wil geen mail meer.", "entered in the web application by admin");

        browser.get("/campaigns/new");
        Map<String, String> campaign = new LinkedHashMap<>();
        campaign.put("name", "Afdrukken-actie");
        campaign.put("purpose", "COMMERCIAL");
        campaign.put("topics", "photo-prints");
        campaign.put("containsPromotion", "true");
        campaign.put("fromAddress", "nieuws@fotostudio-jansen.nl");
        campaign.put("fromName", "Fotostudio Jansen");
        campaign.put("subject", "{{contact.firstName | default: \"Beste klant\"}}, uw foto's als afdruk");
        campaign.put("bodyFormat", "MARKDOWN");
        campaign.put("body", "Beste {{contact.firstName | default: \"klant\"}},\n\nDeze maand 20% korting op afdrukken.");
        campaign.put("language", "NL");
        HttpResponse<String> refused = browser.post("/campaigns", Map.of("name", "", "purpose", "COMMERCIAL", "fromAddress", ""));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("De campagne is niet opgeslagen", "id=\"name-error\"", "Vul dit veld in.");
        HttpResponse<String> created = browser.post("/campaigns", campaign);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        Matcher id = LOCATION_ID.matcher(created.headers().firstValue("Location").orElseThrow());
        assertThat(id.find()).isTrue();
        String campaignPath = "/campaigns/" + id.group(1);

        HttpResponse<String> draft = browser.get(campaignPath);
        assertThat(draft.body()).contains("Beste klant, uw foto&#39;s als afdruk", "Fotostudio Jansen B.V.", "12345678",
                "Voer eerst de controle vooraf uit");
        HttpResponse<String> frame = browser.get(campaignPath + "/preview");
        assertThat(frame.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "sandbox").doesNotContain("script"));
        assertThat(frame.body()).contains("Fotostudio Jansen B.V.", "/u/voorbeeld");

        assertThat(browser.post(campaignPath + "/preflight", Map.of()).statusCode()).isEqualTo(302);
        HttpResponse<String> checked = browser.get(campaignPath);
        assertThat(checked.body()).contains("2 ontvangers: 1 mogen dit bericht krijgen, 1 niet", "data-basis=\"SOFT_OPT_IN\"",
                "data-denial=\"OBJECTED\"", "Piet Bakker", "Nu versturen");

        assertThat(browser.post(campaignPath + "/send", Map.of()).statusCode()).isEqualTo(302);
        String progress = waitUntilSent(campaignPath);
        assertThat(progress).contains("1 van 1 afgehandeld", "id=\"count-sent\">1<");
        assertThat(browser.get(campaignPath).body()).contains("Resultaat", "data-state=\"SENT\"", "<span aria-current=\"step\">Resultaat</span>");

        HttpResponse<String> caught = browser.get("/mail-catcher");
        assertThat(caught.body()).contains("Anna, uw foto&#39;s als afdruk", "anna@example.nl").doesNotContain("piet@example.nl");
        String messagePath = Pattern.compile("href=\"(/mail-catcher/\\d+)\"").matcher(caught.body()).results()
                .map(match -> match.group(1)).findFirst().orElseThrow();
        HttpResponse<String> message = browser.get(messagePath);
        assertThat(message.body()).contains("List-Unsubscribe", "List-Unsubscribe-Post", "id=\"unsubscribe-link\"", "/u/",
                "Fotostudio Jansen B.V.", "sandbox=\"\"");
        assertThat(browser.get(messagePath + "/html").headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("sandbox"));

        HttpResponse<String> dashboard = browser.get("/");
        assertThat(dashboard.body()).contains("Recente bezwaren", "Telefoon", "Afdrukken-actie", "2 contacten");
        String tally = browser.freshBasisFigures();
        assertThat(tally).contains("1 van 2 mogen vandaag gemaild worden", "Soft opt-in", "De persoon heeft bezwaar gemaakt");
    }

    @Test
    void anUnknownContactOrCampaignIsAPageNotAStackTrace() throws Exception {
        HttpResponse<String> contact = browser.get("/contacts/999999");
        HttpResponse<String> campaign = browser.get("/campaigns/999999");

        assertThat(contact.statusCode()).isEqualTo(404);
        assertThat(contact.body()).contains("Deze pagina bestaat niet").doesNotContain("Exception");
        assertThat(campaign.statusCode()).isEqualTo(404);
    }

    private String waitUntilSent(String campaignPath) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String fragment = "";
        while (Instant.now().isBefore(deadline)) {
            fragment = browser.getAsHtmx(campaignPath + "/progress").body();
            if (fragment.contains("data-state=\"SENT\"")) {
                assertThat(fragment).as("finished: no more polling").doesNotContain("hx-trigger=\"every 1s\"");
                return fragment;
            }
            assertThat(fragment).contains("hx-trigger=\"every 1s\"");
            Thread.sleep(200);
        }
        throw new AssertionError("not sent within 60 s: " + fragment);
    }

    private static String contactPath(String listPage, String name) {
        Matcher link = Pattern.compile("href=\"(/contacts/\\d+)\">" + Pattern.quote(name) + "<").matcher(listPage);
        assertThat(link.find()).as(listPage).isTrue();
        return link.group(1);
    }
}
