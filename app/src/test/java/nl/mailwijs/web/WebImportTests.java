package nl.mailwijs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.Contacts;

/**
 * The import in its three steps: a messy Excel export (byte order mark, semicolons, Dutch
 * headers) is recognised and the mapping pre-filled; a column the import does not recognise is
 * given its meaning by hand and imports; the import runs in the background until its progress
 * block says it is done and shows the refused rows. The uploads stay with the session that made
 * them, and a viewer cannot import.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:web-import;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "MAILWIJS_ADMIN_PASSWORD=" + WebImportTests.PASSWORD, "mailwijs.sending.enabled=false"})
class WebImportTests {

    static final String PASSWORD = "web-import-password";
    /** As Dutch Excel saves "CSV UTF-8": a byte order mark, semicolons, the shop's own column names. */
    private static final String EXCEL_EXPORT = "\uFEFFDebiteur;E-mailadres;Naam;Telefoon;Opmerking\r\n"
            + "x-1;jan@example.nl;Jan Jansen;+31612345678;vaste klant\r\n"
            + "x-2;geen-adres;Kees Fout;;\r\n"
            + "x-3;els@example.nl;Els de Boer;;nieuw\r\n";

    @LocalServerPort
    int port;

    @Autowired
    Contacts contacts;

    @Test
    void theMappingIsPrefilledFromDutchHeadersBehindAByteOrderMarkAndSemicolons() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        admin.get("/imports");

        HttpResponse<String> uploaded = admin.postMultipart("/imports", Map.of("contacts", EXCEL_EXPORT));

        assertThat(uploaded.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(uploaded.body());
        assertThat(page.select("label[for=map-contacts-0]").text()).as("the byte order mark is not part of the name").isEqualTo("Debiteur");
        Map<String, String> mapping = ImportSteps.mapping(uploaded.body());
        assertThat(mapping).containsEntry("map-contacts-0", "").containsEntry("map-contacts-1", "email").containsEntry("map-contacts-2", "name")
                .containsEntry("map-contacts-3", "phone").containsEntry("map-contacts-4", "");
        assertThat(page.select("#map-contacts-1 option").eachAttr("value")).as("every field the contacts import knows, and 'do not read'")
                .containsExactly("", "contact_id", "email", "phone", "kind", "country", "name", "published_for_offers");
        assertThat(page.select("ol.steps li[aria-current=step]").text()).isEqualTo("Kolommen koppelen");
        assertThat(page.getElementById("invalid-rows").text()).contains("blok van 5.000", "regelnummer", "niet dubbel");

        HttpResponse<String> refused = admin.post("/imports/run", mapping);
        assertThat(refused.statusCode()).as("no column is contact_id: the mapping step says so").isEqualTo(200);
        assertThat(refused.body()).contains("Koppel een kolom aan contact_id", "id=\"mapping-error-contacts\"");

        Map<String, String> twice = new java.util.LinkedHashMap<>(mapping);
        twice.put("map-contacts-0", "contact_id");
        twice.put("map-contacts-4", "email");
        assertThat(admin.post("/imports/run", twice).body()).contains("Twee kolommen zijn gekoppeld aan email");
        assertThat(contacts.findByExternalId("x-1")).as("nothing imported from a refused mapping").isEmpty();
    }

    @Test
    void aColumnMappedByHandImportsAndTheProgressEndsInTheReportWithTheRefusedRows() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        admin.get("/imports");
        HttpResponse<String> uploaded = admin.postMultipart("/imports", Map.of("contacts", EXCEL_EXPORT.replace("x-", "y-")));
        Map<String, String> mapping = new java.util.LinkedHashMap<>(ImportSteps.mapping(uploaded.body()));
        mapping.put("map-contacts-0", "contact_id");
        mapping.put("map-contacts-3", "");

        String job = ImportSteps.run(admin, mapping);
        String done = ImportSteps.awaitDone(admin, job);

        assertThat(done).contains("id=\"import-report\"", "data-state=\"DONE\"", "1 regel is geweigerd", "geen-adres")
                .doesNotContain("hx-trigger");
        Document report = Jsoup.parse(done);
        assertThat(report.select("#import-report tbody tr").first().select("td").eachText()).containsExactly("3", "2", "0", "1");
        assertThat(report.select("#rejections tbody tr")).hasSize(1);
        assertThat(report.select("#rejections tbody tr td").eachText()).contains("contacts.csv", "3");
        Contact jan = contacts.findByExternalId("y-1").orElseThrow();
        assertThat(jan.name()).isEqualTo("Jan Jansen");
        assertThat(jan.addresses()).extracting(address -> address.address()).containsExactly("jan@example.nl")
                .as("Telefoon was left out");
        assertThat(contacts.findByExternalId("y-2")).as("the refused row").isEmpty();
        assertThat(admin.get(job).body()).as("the job's page shows the report too").contains("Resultaat van de import", "geen-adres");
        assertThat(admin.post("/imports/run", mapping).body()).as("an upload is gone once imported")
                .contains("Deze upload is er niet meer");
    }

    @Test
    void refusedRowsAndUnreadableFilesAreExplainedInThePersonsLanguageUnderTheirOwnColumnNames() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        admin.get("/imports");
        Map<String, String> files = Map.of("contacts", "Klantnummer;E-mailadres;Naam\r\nr-1;rita@example.nl;Rita\r\nr-2;geen-adres;Rob\r\n",
                "purchases", "contact_id;order_id;date;proof\r\nr-1;o-1;31-02-2026;INVOICE\r\nr-1;o-2;2026-01-05;bonnetje\r\n"
                        + "onbekend;o-3;2026-01-05;INVOICE\r\n");
        HttpResponse<String> uploaded = admin.postMultipart("/imports", files);
        Map<String, String> mapping = new java.util.LinkedHashMap<>(ImportSteps.mapping(uploaded.body()));
        mapping.put("map-contacts-0", "contact_id");
        String job = ImportSteps.run(admin, mapping);
        ImportSteps.awaitDone(admin, job);

        Map<String, String> dutch = reasonsByLine(admin.get(job).body());
        Map<String, String> english = reasonsByLine(admin.get(job + "?lang=en").body());

        assertThat(dutch).containsEntry("contacts.csv 3 E-mailadres", "‘geen-adres’ is geen geldig e-mailadres.")
                .containsEntry("purchases.csv 2 date", "‘31-02-2026’ is geen geldige datum of tijd (schrijf bijvoorbeeld 2026-11-23, 23-11-2026 of "
                        + "2026-11-23T10:00:00Z).")
                .containsEntry("purchases.csv 3 proof", "‘bonnetje’ is geen toegestane waarde; kies uit ORDER, INVOICE, PAYMENT, CONTRACT, NONE.")
                .containsEntry("purchases.csv 4 contact_id", "Contact ‘onbekend’ is onbekend: het staat niet in het contactenbestand en is niet "
                        + "eerder geïmporteerd.")
                .hasSize(4);
        assertThat(english).containsEntry("contacts.csv 3 E-mailadres", "‘geen-adres’ is not a valid e-mail address.")
                .containsEntry("purchases.csv 4 contact_id", "Contact ‘onbekend’ is unknown: it is not in the contacts file and was not imported "
                        + "before.")
                .hasSize(4);
        assertThat(String.join(" ", english.values())).contains("is not a valid date", "is not an allowed value")
                .as("the API's sentences are not the page's").doesNotContain("expected name@domain.example", "this row is left out");

        HttpResponse<String> empty = admin.postMultipart("/imports", Map.of("contacts", "\r\n"));
        assertThat(Jsoup.parse(empty.body()).getElementById("import-detail").text())
                .isEqualTo("contacts.csv is empty; the file needs a header row with the column names.");
        admin.get("/imports?lang=nl");
        HttpResponse<String> emptyInDutch = admin.postMultipart("/imports", Map.of("contacts", "\r\n"));
        assertThat(Jsoup.parse(emptyInDutch.body()).getElementById("import-detail").text())
                .isEqualTo("contacts.csv is leeg; het bestand heeft een kopregel met de kolomnamen nodig.");
    }

    /** Each refused row's reason by its file, line and column as the report table shows them. */
    private static Map<String, String> reasonsByLine(String page) {
        Map<String, String> reasons = new java.util.LinkedHashMap<>();
        for (org.jsoup.nodes.Element row : Jsoup.parse(page).select("#rejections tbody tr")) {
            List<String> cells = row.select("td").eachText();
            reasons.put(cells.get(0) + " " + cells.get(1) + " " + cells.get(2), cells.get(3));
        }
        return reasons;
    }

    @Test
    void theProgressBlockCountsRowsReadOfTheTotalWhileItRuns() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        StringBuilder big = new StringBuilder("contact_id,email\n");
        for (int i = 0; i < 12_000; i++) {
            big.append("p-").append(i).append(",p").append(i).append("@example.nl\n");
        }
        admin.get("/imports");
        HttpResponse<String> uploaded = admin.postMultipart("/imports", Map.of("contacts", big.toString()));
        assertThat(ImportSteps.mapping(uploaded.body())).containsEntry("map-contacts-0", "contact_id").containsEntry("map-contacts-1", "email");

        String job = ImportSteps.run(admin, ImportSteps.mapping(uploaded.body()));
        String first = admin.getAsHtmx(job + "/progress").body();
        String done = ImportSteps.awaitDone(admin, job);

        assertThat(first).as("htmx gets the block alone").startsWith("<section id=\"import-progress\"").doesNotContain("<html");
        if (first.contains("hx-trigger=\"every 1s\"")) {
            assertThat(first).contains("<progress", "aria-label=\"Voortgang van de import\"");
        }
        assertThat(done).contains("data-state=\"DONE\"", "Alle regels zijn geïmporteerd");
        assertThat(Jsoup.parse(done).select("#import-report tbody tr td").eachText()).startsWith("12000", "12000");
        assertThat(admin.get(job).body()).doesNotContain("hx-trigger=\"every 1s\"");
    }

    @Test
    void anUploadAndAnImportBelongToTheSessionThatMadeThemAndAViewerCannotImport() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        admin.get("/imports");
        Map<String, String> mapping = ImportSteps.mapping(admin.postMultipart("/imports", Map.of("contacts", "contact_id;email\nz-1;z@example.nl\n"))
                .body());
        admin.get("/users");
        admin.post("/users", Map.of("username", "import-marketer", "password", "import-marketer-pw", "role", "MARKETER"));
        admin.post("/users", Map.of("username", "import-viewer", "password", "import-viewer-pw", "role", "VIEWER"));

        WebSession other = new WebSession(port).signIn("import-marketer", "import-marketer-pw");
        other.get("/imports");
        HttpResponse<String> stolen = other.post("/imports/run", mapping);
        assertThat(stolen.statusCode()).isEqualTo(200);
        assertThat(stolen.body()).contains("Deze upload is er niet meer");
        assertThat(contacts.findByExternalId("z-1")).isEmpty();

        String job = ImportSteps.run(admin, mapping);
        ImportSteps.awaitDone(admin, job);
        assertThat(contacts.findByExternalId("z-1")).isPresent();
        assertThat(other.get(job).statusCode()).as("another session's import").isEqualTo(404);

        WebSession viewer = new WebSession(port).signIn("import-viewer", "import-viewer-pw");
        HttpResponse<String> page = viewer.get("/imports");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("id=\"import-upload\"");
        assertThat(viewer.postMultipart("/imports", Map.of("contacts", "contact_id\nv-1\n")).statusCode()).isEqualTo(403);
        assertThat(viewer.post("/imports/run", mapping).statusCode()).isEqualTo(403);
    }
}
