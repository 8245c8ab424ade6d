package nl.mailwijs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.mailwijs.settings.SettingsChange;
import nl.mailwijs.settings.SettingsStore;

/**
 * Right after an import the overview does not show figures over the contacts before it next to the
 * new count: a changed number of contacts starts a new tally, whatever the figures' age.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:web-dashboard-freshness;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "MAILWIJS_ADMIN_PASSWORD=" + WebDashboardFreshnessTests.PASSWORD})
class WebDashboardFreshnessTests {

    static final String PASSWORD = "web-dashboard-freshness-password";

    @LocalServerPort
    int port;

    @Autowired
    SettingsStore settings;

    @Test
    void anImportMakesTheOverviewCountAgainAtOnce() throws Exception {
        WebSession browser = new WebSession(port).signIn("admin", PASSWORD);
        settings.change(new SettingsChange("Fotostudio Jansen B.V.", "Fotostudio Jansen", "12345678", "Kerkstraat 1, 1234 AB Utrecht", "NL",
                "privacy@fotostudio-jansen.nl", Map.of(), null, null), "test");
        ImportSteps.importAsRecognised(browser, Map.of("contacts", "contact_id;name;email\nk-1;Zoë Müller;zoe+nieuws@example.nl\nk-2;Aäron Öztürk;aaron@example.nl\n"));
        assertThat(browser.freshBasisFigures()).contains("over alle 2 contacten");

        ImportSteps.importAsRecognised(browser, Map.of("contacts",
                "contact_id;name;email\nk-3;Jan de Vries;jan@example.nl\nk-4;Fleur van 't Hek;fleur@example.nl\n"));
        browser.get("/");

        assertThat(browser.basisFiguresWhenComputed()).as("well within the five minutes the figures may otherwise age")
                .contains("over alle 4 contacten");
    }
}
