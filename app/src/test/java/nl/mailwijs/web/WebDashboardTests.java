package nl.mailwijs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.mailwijs.settings.SettingsChange;
import nl.mailwijs.settings.SettingsStore;

/**
 * The overview's basis figures cover every contact, not the first 2,000: 2,500 customers
 * imported through the import pages, half of whom bought something, are counted in the
 * background, and the page says as of when and over how many. Pressing "recompute" shows the
 * figures there are while newer ones are computed, and how far that is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:web-dashboard;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "MAILWIJS_ADMIN_PASSWORD=" + WebDashboardTests.PASSWORD})
class WebDashboardTests {

    static final String PASSWORD = "web-dashboard-password";
    private static final int CUSTOMERS = 2_500;
    private static final Pattern AS_OF = Pattern.compile("Stand van (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d), over alle 2\\.500 contacten\\.");

    @LocalServerPort
    int port;

    @Autowired
    SettingsStore settings;

    private WebSession browser;

    @BeforeEach
    void signInWithCustomers() throws Exception {
        browser = new WebSession(port).signIn("admin", PASSWORD);
        if (settings.current().isPresent()) {
            return;
        }
        settings.change(new SettingsChange("Fotostudio Jansen B.V.", "Fotostudio Jansen", "12345678", "Kerkstraat 1, 1234 AB Utrecht", "NL",
                "privacy@fotostudio-jansen.nl", Map.of(), null, null), "test");
        StringBuilder contacts = new StringBuilder("contact_id;name;email;country;kind\n");
        StringBuilder purchases = new StringBuilder("contact_id;order_id;date;categories;proof;address_collected_in_sale;objection_offered\n");
        String recently = LocalDate.now(ZoneOffset.UTC).minusMonths(2).toString();
        for (int i = 1; i <= CUSTOMERS; i++) {
            contacts.append("k-").append(i).append(";Klant ").append(i).append(";klant-").append(i).append("@example.nl;NL;person\n");
            if (i % 2 == 0) {
                purchases.append("k-").append(i).append(";W-").append(i).append(';').append(recently).append(";portrait-photography;INVOICE;ja;ja\n");
            }
        }
        String imported = ImportSteps.importAsRecognised(browser, Map.of("contacts", contacts.toString(), "purchases", purchases.toString()));
        assertThat(imported).contains("Resultaat van de import");
    }

    @Test
    void theFiguresCoverEveryContactAndSayAsOfWhen() throws Exception {
        HttpResponse<String> overview = browser.get("/");
        assertThat(overview.body()).contains("2.500 contacten");

        String figures = browser.freshBasisFigures();

        assertThat(figures).contains("1.250 van 2.500 mogen vandaag gemaild worden", "data-basis=\"SOFT_OPT_IN\"", "data-denial=\"NO_CONSENT\"",
                "<td class=\"number\">1.250</td>", "Opnieuw berekenen").doesNotContain("de eerste", "worden berekend");
        Matcher asOf = AS_OF.matcher(figures);
        assertThat(asOf.find()).as(figures).isTrue();
        LocalDateTime shown = LocalDateTime.parse(asOf.group(1), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        LocalDateTime now = LocalDateTime.now(ZoneId.of("Europe/Amsterdam"));
        assertThat(Duration.between(shown, now)).as("in Dutch time, to the minute").isBetween(Duration.ZERO, Duration.ofMinutes(2));
        assertThat(browser.get("/").body()).as("the overview shows the latest figures itself").contains(asOf.group(), "1.250 van 2.500");
        assertThat(browser.get("/dashboard/basis?lang=en").body()).contains("As of " + asOf.group(1) + ", over all 2,500 contacts.",
                "1,250 of 2,500 may be mailed today");
    }

    @Test
    void recomputingShowsTheFiguresThereAreAndHowFarTheNewOnesAreAndNeedsTheFormsToken() throws Exception {
        String before = browser.freshBasisFigures();
        Matcher asOf = AS_OF.matcher(before);
        assertThat(asOf.find()).as(before).isTrue();

        assertThat(browser.postExactly("/dashboard/basis/recompute", Map.of()).statusCode()).as("without the CSRF token").isEqualTo(403);
        browser.get("/");
        HttpResponse<String> pressed = browser.postAsHtmx("/dashboard/basis/recompute");

        // Started by the press itself, which cannot take less than reading 2,500 contacts: still running as the answer is written.
        assertThat(pressed.statusCode()).isEqualTo(200);
        assertThat(pressed.body()).startsWith("<div id=\"basis\"").contains("hx-get=\"/dashboard/basis\"", "hx-trigger=\"every 1s\"",
                "Nieuwere cijfers worden berekend.", "role=\"status\"", "<progress", asOf.group(), "1.250 van 2.500")
                .doesNotContain("Opnieuw berekenen");
        String after = browser.basisFiguresWhenComputed();
        assertThat(after).contains("1.250 van 2.500 mogen vandaag gemaild worden", "Opnieuw berekenen").doesNotContain("hx-trigger");
    }
}
