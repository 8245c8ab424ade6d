package nl.mailwijs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import nl.mailwijs.settings.SettingsChange;
import nl.mailwijs.settings.SettingsStore;

/**
 * The whole path a shop owner takes, in Debian's Chromium (headless) driven over WebDriver:
 * sign in, enter the sender settings, import customers, find one and read their basis, write a
 * campaign and send it to the built-in mail catcher, open the caught message, unsubscribe through
 * its link, and see the basis turn into an objection. Every page is screenshotted into
 * {@code target/browser-screenshots} and audited with axe-core: a serious or critical violation
 * fails the test, and so does any error in the browser's console (a CSP refusal shows there).
 *
 * <p>Without /usr/bin/chromium and /usr/bin/chromedriver the test is skipped, saying so; with
 * MAILWIJS_REQUIRE_TOOLS set (as .ci/run does) it fails instead.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:web-browser;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "MAILWIJS_ADMIN_PASSWORD=" + WebBrowserTests.PASSWORD, "mailwijs.sending.workers=1"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebBrowserTests {

    static final String PASSWORD = "browser-admin-password";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/browser-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PORT = freePort();

    private static WebDriver browser;
    private static String axe;
    private final List<String> accessibility = new ArrayList<>();
    private final List<String> console = new ArrayList<>();
    private int step;

    @Autowired
    SettingsStore settings;

    /** The unsubscribe links in the messages must point at this very server. */
    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("mailwijs.public-url", () -> "http://127.0.0.1:" + PORT);
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        requireChromium();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--lang=nl", "--no-first-run", "--disable-extensions", "--disable-background-networking");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "nl"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60)).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
        try (InputStream in = WebBrowserTests.class.getResourceAsStream("/vendor/axe-core/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Autowired
    nl.mailwijs.contacts.Contacts contacts;

    @Autowired
    nl.mailwijs.evidence.Ledger ledger;

    @Autowired
    nl.mailwijs.suppressions.Suppressions suppressions;

    @Test
    @Order(1)
    void signInImportReadTheBasisSendACampaignUnsubscribeFromItAndSeeTheObjection() throws Exception {
        open("/");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nl");
        checkPage("sign-in");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form.stacked button[type=submit]")).click();
        waitFor(By.id("basis-heading"));
        checkPage("dashboard");

        open("/settings");
        fill("legalName", "Fotostudio Jansen B.V.");
        fill("tradeName", "Fotostudio Jansen");
        fill("kvkNumber", "12345678");
        fill("postalAddress", "Kerkstraat 1, 1234 AB Utrecht");
        fill("country", "NL");
        fill("objectionAddress", "privacy@fotostudio-jansen.nl");
        fill("similarTopics", "portrait-photography: photo-prints");
        submit();
        assertThat(text(By.cssSelector(".notice.success"))).contains("Opgeslagen als versie 1");
        checkPage("settings");

        String recently = LocalDate.now(ZoneOffset.UTC).minusMonths(2).toString();
        Path contactsCsv = csv("contacts", "contact_id;name;email;country;kind\nk-1;Anna de Vries;anna@example.nl;NL;person\n"
                + "k-2;Piet Bakker;piet@example.nl;NL;person\nk-3;Zonder Adres;geen-adres;NL;person\n");
        Path purchasesCsv = csv("purchases", "contact_id;order_id;date;categories;proof;address_collected_in_sale;objection_offered\n"
                + "k-1;W-1001;" + recently + ";portrait-photography;INVOICE;ja;ja\nk-2;W-1002;" + recently + ";portrait-photography;INVOICE;ja;ja\n");
        open("/imports");
        browser.findElement(By.id("file-contacts")).sendKeys(contactsCsv.toAbsolutePath().toString());
        browser.findElement(By.id("file-purchases")).sendKeys(purchasesCsv.toAbsolutePath().toString());
        submit();
        // The columns as the import recognises them, to be changed per column before it runs.
        waitFor(By.id("import-mapping"));
        assertThat(new Select(browser.findElement(By.id("map-contacts-2"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("email");
        checkPage("import-mapping");
        submit();
        // The progress block polls itself (htmx) until the report replaces it.
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(By.id("import-report")));
        assertThat(text(By.id("import-report"))).contains("1 regel is geweigerd", "geen-adres");
        checkPage("import-report");

        open("/contacts");
        WebElement search = browser.findElement(By.id("q"));
        search.sendKeys("anna");
        // htmx replaces the results while the person types: no page load.
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("results"), "1 contact"));
        assertThat(text(By.id("results"))).contains("Anna de Vries").doesNotContain("Piet Bakker");
        checkPage("contacts-search");
        browser.findElement(By.linkText("Anna de Vries")).click();
        waitFor(By.id("basis-EMAIL"));
        String contactUrl = browser.getCurrentUrl();
        assertThat(text(By.id("basis-EMAIL"))).contains("Ja, dat mag", "Soft opt-in", "NL-TW-11.7-3", "W-1001");
        checkPage("contact-basis");

        open("/campaigns/new");
        fill("name", "Afdrukken-actie");
        new Select(browser.findElement(By.id("purpose"))).selectByValue("COMMERCIAL");
        fill("topics", "photo-prints");
        fill("fromAddress", "nieuws@fotostudio-jansen.nl");
        fill("subject", "{{contact.firstName | default: \"Beste klant\"}}, uw foto's als afdruk");
        fill("body", "Beste {{contact.firstName | default: \"klant\"}},\n\nDeze maand 20% korting op afdrukken.");
        submit();
        waitFor(By.id("preview-text"));
        assertThat(text(By.id("preview-text"))).contains("Fotostudio Jansen B.V.", "12345678");
        checkPage("campaign-preview");
        String campaignUrl = browser.getCurrentUrl();
        browser.findElement(By.linkText("Publiek")).click();
        waitFor(By.id("audience-count"));
        assertThat(browser.findElement(By.id("audience-count")).getAttribute("data-count")).isEqualTo("2");
        checkPage("campaign-audience");
        browser.get(campaignUrl);
        waitFor(By.id("preview-text"));
        browser.findElement(By.cssSelector("#preflight form button")).click();
        waitFor(By.cssSelector("#send form button"));
        assertThat(text(By.id("preflight"))).contains("2 ontvangers: 2 mogen dit bericht krijgen, 0 niet");
        checkPage("campaign-preflight");
        browser.findElement(By.cssSelector("#send form button")).click();
        waitFor(By.id("progress"));
        // The progress block polls itself (htmx) until the campaign is sent.
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.attributeToBe(By.id("progress-state"), "data-state", "SENT"));
        assertThat(text(By.id("progress"))).contains("2 van 2 afgehandeld");
        checkPage("campaign-sent");

        open("/mail-catcher");
        WebElement caught = browser.findElement(By.partialLinkText("Anna, uw foto's als afdruk"));
        checkPage("mail-catcher");
        caught.click();
        waitFor(By.id("unsubscribe-link"));
        assertThat(text(By.id("text-part"))).contains("Beste Anna", "Fotostudio Jansen B.V.");
        checkPage("caught-message");
        browser.get(browser.findElement(By.id("unsubscribe-link")).getAttribute("href"));
        waitFor(By.cssSelector("form button[type=submit]"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("anna@example.nl");
        checkPage("unsubscribe");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "U bent afgemeld"));
        checkPage("unsubscribed");
        // The preference centre, reached from the page after unsubscribing: its own page, in the same strict CSP.
        browser.findElement(By.cssSelector("a[href$='/preferences']")).click();
        waitFor(By.cssSelector("form button[type=submit]"));
        checkPage("preferences");

        browser.get(contactUrl);
        waitFor(By.id("basis-EMAIL"));
        assertThat(text(By.id("basis-EMAIL"))).contains("Nee, niet mailen", "De persoon heeft bezwaar gemaakt");
        assertThat(browser.findElement(By.cssSelector("#basis-EMAIL .denial")).getAttribute("data-denial")).isEqualTo("OBJECTED");
        assertThat(text(By.id("timeline-heading"))).isNotEmpty();
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Bezwaar", "Afmeldlink", "unsubscribe button at");
        checkPage("contact-objected");

        open("/?lang=en");
        waitFor(By.id("basis-heading"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
        checkPage("dashboard-english");

        assertThat(console).as("errors in the browser console (a CSP refusal shows here)").isEmpty();
        assertThat(accessibility).as("serious or critical accessibility violations (axe-core)").isEmpty();
    }

    /** After the main path, which expects a fresh browser and enters the sender settings as their first version. */
    @Test
    @Order(2)
    void theSettingsPagesForRelaysDkimKeysConsentTextsAndFormsPassTheAudit() throws Exception {
        if (settings.current().isEmpty()) {
            settings.change(new SettingsChange("Fotostudio Jansen B.V.", "Fotostudio Jansen", "12345678", "Kerkstraat 1, 1234 AB Utrecht", "NL",
                    "privacy@fotostudio-jansen.nl", Map.of(), null, List.of()), "admin");
        }
        // Whichever test ran first, this one starts signed out and in Dutch.
        browser.manage().deleteAllCookies();
        open("/login?lang=nl");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form.stacked button[type=submit]")).click();
        waitFor(By.cssSelector(".site-header nav"));

        open("/settings/relays");
        waitFor(By.id("test-to"));
        checkPage("settings-relays");
        fill("test-from", "info@fotostudio-jansen.nl");
        fill("test-to", "eigenaar@example.nl");
        submit();
        assertThat(text(By.cssSelector(".notice.success"))).contains("testbericht aan eigenaar@example.nl aangenomen");
        checkPage("settings-relays-test");

        open("/settings/dkim");
        fill("dkim-domain", "fotostudio-jansen.nl");
        fill("dkim-selector", "browser2026");
        submit();
        assertThat(text(By.cssSelector(".dns-record"))).contains("browser2026._domainkey.fotostudio-jansen.nl", "v=DKIM1; k=rsa; p=");
        checkPage("settings-dkim");

        open("/settings/consent-texts");
        fill("name", "Nieuwsbrief");
        fill("wording", "Ja, ik ontvang graag de nieuwsbrief van Fotostudio Jansen.");
        fill("topics", "photo-prints: Aanbiedingen voor fotoafdrukken");
        submit();
        assertThat(text(By.cssSelector(".consent-version"))).contains("Versie 1", "[ ] Aanbiedingen voor fotoafdrukken");
        checkPage("settings-consent-text");
        open("/settings/consent-texts");
        checkPage("settings-consent-texts");

        open("/settings/forms");
        checkPage("settings-forms");
        fill("form-name", "Nieuwsbrief op de site");
        fill("form-from", "info@fotostudio-jansen.nl");
        submit();
        assertThat(text(By.cssSelector("pre.embed-code"))).contains("<form class=\"mailwijs-signup\"");
        checkPage("settings-form");
        // The form as a visitor sees it (no login): accessible and without CSP refusals too.
        open(browser.findElement(By.cssSelector("dd a.mono")).getAttribute("href").replaceFirst("^https?://[^/]+", ""));
        waitFor(By.cssSelector("form button[type=submit]"));
        checkPage("signup-form");
        browser.manage().deleteAllCookies();
    }

    /**
     * The compliance pages, the API tokens page and the overview with bounces and its bars, each
     * audited. Runs after the main path when the class runs whole (its campaign and objection then
     * fill the dossier and the chart); alone it signs in and brings its own contact and bounce.
     */
    @Test
    @Order(3)
    void theCompliancePagesTheTokensPageAndTheOverviewWithBouncesPassTheAudit() throws Exception {
        long contact = contacts.create(new nl.mailwijs.contacts.NewContact(nl.mailwijs.engine.request.RecipientKind.NATURAL_PERSON, "NL",
                "Dossier Browser", "b-1", List.of(), null, List.of(new nl.mailwijs.contacts.NewContact.NewAddress(
                        nl.mailwijs.engine.request.Channel.EMAIL, "dossier@example.nl")))).contact().id();
        ledger.append(contact, new nl.mailwijs.evidence.PurchaseEvidence("W-2001", java.time.Instant.now().minus(Duration.ofDays(30)),
                List.of("portrait-photography"), nl.mailwijs.engine.request.Proof.INVOICE, null, true, true));
        suppressions.record(new nl.mailwijs.suppressions.Bounce("dossier@example.nl", nl.mailwijs.suppressions.BounceKind.HARD,
                nl.mailwijs.suppressions.BounceSource.REPORT, "5.1.1", "user unknown", java.time.Instant.now(), null, null, null));
        open("/compliance");
        if (browser.getCurrentUrl().endsWith("/login")) {
            browser.findElement(By.id("username")).sendKeys("admin");
            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("form.stacked button[type=submit]")).click();
            // Signing in leads back to the page asked for.
            new WebDriverWait(browser, WAIT).until(driver -> !driver.getCurrentUrl().endsWith("/login"));
            open("/compliance");
        }
        waitFor(By.id("dossier-heading"));
        checkPage("compliance");
        fill("address", "dossier@example.nl");
        submit();
        waitFor(By.id("dossier-download"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Dossier Browser", "W-2001", "user unknown");
        checkPage("compliance-dossier");

        open("/compliance/ledger");
        waitFor(By.id("ledger-result"));
        assertThat(browser.findElement(By.id("ledger-result")).getAttribute("data-intact")).isEqualTo("true");
        checkPage("compliance-ledger");

        open("/tokens");
        fill("token-name", "Webwinkel");
        browser.findElement(By.cssSelector("input[name=scope][value=WRITE]")).click();
        submit();
        waitFor(By.id("token-secret"));
        assertThat(browser.findElement(By.id("token-secret")).getAttribute("value")).startsWith("mw_");
        checkPage("token-created");

        open("/");
        waitFor(By.id("bounces"));
        // The basis figures load after the page (htmx): wait until they replaced the link.
        new WebDriverWait(browser, WAIT).until(driver -> driver.findElements(By.cssSelector("#basis[hx-get]")).isEmpty());
        assertThat(text(By.id("bounces"))).contains("dossier@example.nl", "5.1.1");
        checkPage("dashboard-bounces-chart");

        assertThat(console).as("errors in the browser console (a CSP refusal shows here)").isEmpty();
        assertThat(accessibility).as("serious or critical accessibility violations (axe-core)").isEmpty();
    }

    // --- steps

    private void open(String path) {
        browser.get("http://127.0.0.1:" + PORT + path);
    }

    private void fill(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private void submit() {
        browser.findElement(By.cssSelector("main form.stacked button[type=submit]")).click();
    }

    private static String text(By by) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
    }

    private static void waitFor(By by) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    /**
     * Saves a screenshot of the page as the next step, runs axe-core on it, and keeps the
     * serious and critical violations and the console's errors for the end of the test.
     */
    private void checkPage(String name) throws IOException {
        step++;
        Path file = SCREENSHOTS.resolve(String.format("%02d-%s.png", step, name));
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript(axe);
        Object found = script.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(result => done(result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));""");
        for (Object violation : (List<?>) found) {
            accessibility.add(name + ": " + violation);
        }
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                console.add(name + ": " + entry.getMessage());
            }
        }
    }

    private static Path csv(String name, String content) throws IOException {
        Path file = Files.createTempDirectory("mailwijs-browser").resolve(name + ".csv");
        Files.writeString(file, content);
        return file;
    }

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String reason = CHROMIUM + " or " + CHROMEDRIVER + " is missing; install them with 'apt-get install chromium chromium-driver' (.ci/run does)";
        if (System.getenv("MAILWIJS_REQUIRE_TOOLS") != null) {
            Assertions.fail(reason + " (MAILWIJS_REQUIRE_TOOLS is set)");
        }
        System.out.println("Skipping the browser test: " + reason);
        Assumptions.abort(reason);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the browser test's server", e);
        }
    }
}
