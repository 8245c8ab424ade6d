package nl.mailwijs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.mailwijs.campaigns.Campaign;
import nl.mailwijs.campaigns.CampaignScheduler;
import nl.mailwijs.campaigns.CampaignState;
import nl.mailwijs.campaigns.Campaigns;
import nl.mailwijs.campaigns.Preflight;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.NewContact;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.PurchaseEvidence;
import nl.mailwijs.settings.SettingsChange;
import nl.mailwijs.settings.SettingsStore;

/**
 * The campaign wizard's audience and schedule steps: a segment defined and counted, saved and
 * used, changes who the pre-flight decides for; a campaign is scheduled for a time in the
 * Netherlands, shows as scheduled, and is taken off the schedule again; the step indicator marks
 * where the campaign is; a viewer sees it all and changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:web-wizard;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "MAILWIJS_ADMIN_PASSWORD=" + WebCampaignWizardTests.PASSWORD, "mailwijs.sending.enabled=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebCampaignWizardTests {

    static final String PASSWORD = "web-wizard-password";
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final Pattern LOCATION_ID = Pattern.compile("/campaigns/(\\d+)");

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
    CampaignScheduler scheduler;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void threeContacts() {
        settings.change(new SettingsChange("Fotostudio Jansen B.V.", "Fotostudio Jansen", "12345678", "Kerkstraat 1, 1234 AB Utrecht", "NL",
                "privacy@fotostudio-jansen.nl", Map.of("portrait-photography", List.of("photo-prints")), null, List.of("info")), "admin");
        Instant recently = Instant.now().minus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
        long anna = contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Anna de Vries", "w-1", List.of("vip"),
                "{\"city\": \"Utrecht\"}", List.of(new NewContact.NewAddress(Channel.EMAIL, "anna@example.nl")))).contact().id();
        long bram = contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "BE", "Bram Peeters", "w-2", List.of(), null,
                List.of(new NewContact.NewAddress(Channel.EMAIL, "bram@example.be")))).contact().id();
        contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Cees Visser", "w-3", List.of("vip"), "{\"city\": \"Zwolle\"}",
                List.of(new NewContact.NewAddress(Channel.EMAIL, "cees@example.nl"))));
        ledger.append(anna, new PurchaseEvidence("W-1", recently, List.of("portrait-photography"), Proof.INVOICE, null, true, true));
        ledger.append(bram, new PurchaseEvidence("W-2", recently, List.of("portrait-photography"), Proof.INVOICE, null, true, true));
    }

    @Test
    void aSegmentDefinedCountedAndSavedIsTheAudienceThePreflightDecidesFor() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        String campaign = newCampaign(admin, "Publiek-actie");
        long id = id(campaign);
        int segmentsBefore = campaigns.segments().size();

        Document page = Jsoup.parse(admin.get(campaign + "/audience").body());
        assertThat(page.getElementById("audience-count")).as("counting reads every contact: not before the page is shown").isNull();
        assertThat(page.getElementById("audience-count-block").attr("hx-get")).isEqualTo(campaign + "/audience/count");
        assertThat(page.getElementById("audience-count-block").attr("hx-trigger")).isEqualTo("load");
        assertThat(currentStep(page)).isEqualTo("Publiek");
        String fragment = admin.getAsHtmx(campaign + "/audience/count").body();
        assertThat(fragment).startsWith("<p id=\"audience-count-block\"").doesNotContain("<html", "hx-trigger");
        assertThat(Jsoup.parse(fragment).getElementById("audience-count").attr("data-count")).isEqualTo("3");
        Document everyone = Jsoup.parse(admin.get(campaign + "/audience?count=true").body());
        assertThat(everyone.getElementById("audience-count").attr("data-count")).as("without JavaScript, by the link").isEqualTo("3");
        admin.post(campaign + "/preflight", Map.of());
        assertThat(preflight.lastReport(id).orElseThrow().recipients()).isEqualTo(3);
        assertThat(admin.get(campaign).body()).contains("3 ontvangers");

        HttpResponse<String> counted = admin.post(campaign + "/segments", segment("", "vip", "", "count"));
        assertThat(counted.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(counted.body()).getElementById("draft-count").attr("data-count")).isEqualTo("2");
        assertThat(campaigns.segments()).as("counting saves nothing").hasSize(segmentsBefore);
        assertThat(campaigns.require(id).segmentId()).isNull();

        HttpResponse<String> saved = admin.post(campaign + "/segments", segment("VIP in Utrecht", "vip", "city: utrecht", "save"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        Campaign withSegment = campaigns.require(id);
        assertThat(withSegment.segmentId()).isNotNull();
        assertThat(campaigns.segment(withSegment.segmentId()).orElseThrow().name()).isEqualTo("VIP in Utrecht");
        Document chosen = Jsoup.parse(admin.get(campaign + "/audience?count=true").body());
        assertThat(chosen.getElementById("audience-name").text()).isEqualTo("VIP in Utrecht");
        assertThat(chosen.getElementById("audience-count").attr("data-count")).isEqualTo("1");
        assertThat(chosen.text()).contains("Het publiek is opgeslagen");

        String stale = admin.get(campaign).body();
        assertThat(stale).as("a new version: its pre-flight is still to run").contains("Voer eerst de controle vooraf uit", "VIP in Utrecht")
                .doesNotContain("3 ontvangers");
        admin.post(campaign + "/preflight", Map.of());
        assertThat(preflight.lastReport(id).orElseThrow().recipients()).as("the pre-flight decides for the segment only").isEqualTo(1);
        assertThat(admin.get(campaign).body()).contains("1 ontvangers: 1 mogen dit bericht krijgen, 0 niet");

        admin.get(campaign + "/audience");
        assertThat(admin.post(campaign + "/audience", Map.of("segmentId", "")).statusCode()).isEqualTo(302);
        assertThat(campaigns.require(id).segmentId()).as("everyone again").isNull();
        assertThat(admin.post(campaign + "/audience", Map.of("segmentId", String.valueOf(withSegment.segmentId()))).statusCode())
                .isEqualTo(302);
        assertThat(campaigns.require(id).segmentId()).isEqualTo(withSegment.segmentId());
    }

    @Test
    void aSegmentThatCannotMeanWhatItSaysIsRefusedBesideItsField() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        String campaign = newCampaign(admin, "Fout publiek");
        admin.get(campaign + "/audience");

        Map<String, String> badAttributes = segment("Fout", "", "stad zonder dubbele punt", "save");
        Document attributes = Jsoup.parse(admin.post(campaign + "/segments", badAttributes).body());
        Map<String, String> badDates = segment("Fout", "", "", "save");
        badDates.put("purchasedAfter", "2026-02-01");
        badDates.put("purchasedBefore", "2026-01-01");
        Document dates = Jsoup.parse(admin.post(campaign + "/segments", badDates).body());
        Document noName = Jsoup.parse(admin.post(campaign + "/segments", segment("", "vip", "", "save")).body());

        assertThat(attributes.getElementById("attributes-error")).isNotNull();
        assertThat(attributes.getElementById("attributes").attr("aria-invalid")).isEqualTo("true");
        assertThat(attributes.getElementById("attributes").text()).as("what was typed stays").isEqualTo("stad zonder dubbele punt");
        assertThat(dates.getElementById("purchasedBefore-error").text()).contains("na ‘kocht op of na’");
        assertThat(noName.getElementById("segmentName-error")).isNotNull();
        assertThat(campaigns.require(id(campaign)).segmentId()).isNull();
    }

    @Test
    void aCampaignIsScheduledForATimeInTheNetherlandsShownAsScheduledAndTakenOffTheScheduleAgain() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        String campaign = newCampaign(admin, "Later-actie");
        long id = id(campaign);
        admin.get(campaign);
        assertThat(admin.post(campaign + "/schedule", Map.of("sendAt", tomorrowAt("09:30"))).statusCode()).isEqualTo(302);
        assertThat(admin.get(campaign).body()).as("no pre-flight yet").contains("De campagne kon niet worden ingepland");
        assertThat(campaigns.require(id).state()).isEqualTo(CampaignState.DRAFT);
        admin.post(campaign + "/preflight", Map.of());
        Document ready = Jsoup.parse(admin.get(campaign).body());
        assertThat(currentStep(ready)).isEqualTo("Versturen of inplannen");
        assertThat(ready.getElementById("schedule-form")).isNotNull();
        assertThat(ready.select("label[for=sendAt]").text()).contains("Europe/Amsterdam");

        admin.post(campaign + "/schedule", Map.of("sendAt", LocalDate.now(AMSTERDAM).minusDays(1) + "T09:30"));
        assertThat(admin.get(campaign).body()).contains("Dat moment is al voorbij");
        assertThat(campaigns.require(id).state()).isEqualTo(CampaignState.DRAFT);

        assertThat(admin.post(campaign + "/schedule", Map.of("sendAt", tomorrowAt("09:30"))).statusCode()).isEqualTo(302);
        Campaign scheduled = campaigns.require(id);
        assertThat(scheduled.state()).isEqualTo(CampaignState.SCHEDULED);
        assertThat(scheduled.sendAt()).as("the time in Amsterdam, stored as an instant")
                .isEqualTo(LocalDate.now(AMSTERDAM).plusDays(1).atTime(LocalTime.of(9, 30)).atZone(AMSTERDAM).toInstant());
        Document page = Jsoup.parse(admin.get(campaign).body());
        assertThat(page.getElementById("campaign-state").text()).isEqualTo("Ingepland");
        assertThat(page.getElementById("schedule-status").text()).contains(LocalDate.now(AMSTERDAM).plusDays(1) + " 09:30", "Europe/Amsterdam");
        assertThat(page.text()).contains("De campagne is ingepland");
        assertThat(page.getElementById("schedule-form")).as("a scheduled campaign is not scheduled again").isNull();
        assertThat(page.getElementById("unschedule-form")).isNotNull();
        assertThat(page.select("#preflight form")).as("nor pre-flighted").isEmpty();

        assertThat(admin.post(campaign + "/unschedule", Map.of()).statusCode()).isEqualTo(302);
        assertThat(campaigns.require(id).state()).isEqualTo(CampaignState.DRAFT);
        Document again = Jsoup.parse(admin.get(campaign).body());
        assertThat(again.text()).contains("De planning is geannuleerd");
        assertThat(again.getElementById("campaign-state").text()).isEqualTo("Concept");
        assertThat(again.getElementById("schedule-form")).isNotNull();
    }

    @Test
    void theContentChecksAndTheSchedulersRefusalsAreSaidInThePersonsLanguage() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        admin.get("/campaigns/new");
        Map<String, String> unknownField = campaignFields("Samenvoeg-fout");
        unknownField.put("body", "Hoi {{contact.voornaam}}");
        Document dutchForm = Jsoup.parse(admin.post("/campaigns", unknownField).body());
        admin.get("/campaigns/new?lang=en");
        Document englishForm = Jsoup.parse(admin.post("/campaigns", unknownField).body());
        admin.get("/campaigns/new?lang=nl");

        assertThat(dutchForm.select("#content-problems li").eachText()).containsExactly("Inhoud, regel 1, kolom 5: Onbekend samenvoegveld "
                + "‘contact.voornaam’. Bekende velden: contact.firstName, contact.name, contact.email, contact.attributes.<name>, unsubscribeUrl.");
        assertThat(englishForm.select("#content-problems li").eachText()).containsExactly("Content, line 1, column 5: Unknown merge field "
                + "‘contact.voornaam’. Known fields: contact.firstName, contact.name, contact.email, contact.attributes.<name>, unsubscribeUrl.");

        String campaign = newCampaign(admin, "Weigering-actie");
        admin.get(campaign);
        admin.post(campaign + "/schedule", Map.of("sendAt", tomorrowAt("09:30")));
        String noPreflight = Jsoup.parse(admin.get(campaign).body()).getElementById("action-detail").text();
        admin.post(campaign + "/unschedule", Map.of());
        String notScheduled = Jsoup.parse(admin.get(campaign).body()).getElementById("action-detail").text();
        admin.post(campaign + "/schedule", Map.of("sendAt", tomorrowAt("09:30")));
        String noPreflightInEnglish = Jsoup.parse(admin.get(campaign + "?lang=en").body()).getElementById("action-detail").text();
        admin.post(campaign + "/unschedule", Map.of());
        String notScheduledInEnglish = Jsoup.parse(admin.get(campaign).body()).getElementById("action-detail").text();

        assertThat(noPreflight).isEqualTo("Voer eerst de controle vooraf uit voor deze versie van de campagne.");
        assertThat(notScheduled).as("the state in words").isEqualTo("De campagne is niet ingepland (ze is nu: Concept).");
        assertThat(noPreflightInEnglish).isEqualTo("Run the pre-flight for this version of the campaign first.");
        assertThat(notScheduledInEnglish).isEqualTo("The campaign is not scheduled (it is now: Draft).");
    }

    @Test
    void aScheduleTheServerDroppedSaysWhyInThePersonsLanguage() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        String campaign = newCampaign(admin, "Vervallen-actie");
        long id = id(campaign);
        admin.post(campaign + "/preflight", Map.of());
        admin.get(campaign);
        admin.post(campaign + "/schedule", Map.of("sendAt", tomorrowAt("09:30")));
        assertThat(campaigns.require(id).state()).isEqualTo(CampaignState.SCHEDULED);
        // Changed behind the schedule's back (as an older Mailwijs or a hand-made UPDATE could), and due now.
        jdbc.sql("UPDATE campaign SET version = version + 1, send_at = :past WHERE id = :id")
                .param("past", java.time.OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)).param("id", id).update();
        scheduler.queueDue();
        assertThat(campaigns.require(id).scheduleVoided()).as("the API's sentence").contains("made for version");

        String dutch = Jsoup.parse(admin.get(campaign).body()).getElementById("schedule-voided").text();
        String english = Jsoup.parse(admin.get(campaign + "?lang=en").body()).getElementById("schedule-voided").text();

        assertThat(dutch).isEqualTo("Mailwijs heeft de vorige planning niet uitgevoerd: De campagne is gewijzigd nadat ze was ingepland. "
                + "Voer de controle vooraf opnieuw uit en plan de nieuwe versie in.");
        assertThat(english).isEqualTo("Mailwijs did not carry out the previous schedule: The campaign was changed after it was scheduled. "
                + "Run the pre-flight again and schedule the new version.");
    }

    @Test
    void theStepIndicatorMarksWhereTheCampaignIs() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        Document fresh = Jsoup.parse(admin.get("/campaigns/new").body());
        assertThat(fresh.select("nav.steps li").eachText()).containsExactly("Inhoud", "Publiek", "Controle vooraf", "Versturen of inplannen",
                "Resultaat");
        assertThat(currentStep(fresh)).isEqualTo("Inhoud");
        assertThat(fresh.select("nav.steps a")).as("a campaign not saved yet has no other steps to go to").isEmpty();

        String campaign = newCampaign(admin, "Stappen");
        Document draft = Jsoup.parse(admin.get(campaign).body());
        assertThat(currentStep(draft)).isEqualTo("Controle vooraf");
        assertThat(draft.select("nav.steps a").eachAttr("href")).as("no results to link to before it goes out")
                .containsExactly(campaign + "/edit", campaign + "/audience", campaign + "#send");
        assertThat(currentStep(Jsoup.parse(admin.get(campaign + "/edit").body()))).isEqualTo("Inhoud");
    }

    @Test
    void aViewerSeesTheAudienceAndTheScheduleButChangesNothing() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        String campaign = newCampaign(admin, "Kijk-actie");
        long id = id(campaign);
        admin.post(campaign + "/preflight", Map.of());
        admin.get(campaign);
        admin.post(campaign + "/schedule", Map.of("sendAt", tomorrowAt("10:00")));
        assertThat(campaigns.require(id).state()).isEqualTo(CampaignState.SCHEDULED);
        long segment = campaigns.createSegment("Iedereen in NL", new nl.mailwijs.campaigns.Audience(List.of(), List.of("NL"), List.of(), null,
                List.of())).id();
        admin.get("/users");
        admin.post("/users", Map.of("username", "wizard-viewer", "password", "wizard-viewer-pw", "role", "VIEWER"));

        WebSession viewer = new WebSession(port).signIn("wizard-viewer", "wizard-viewer-pw");
        Document audience = Jsoup.parse(viewer.get(campaign + "/audience?count=true").body());
        Document page = Jsoup.parse(viewer.get(campaign).body());

        assertThat(audience.getElementById("audience-count")).isNotNull();
        assertThat(audience.select("#choose-segment, #define-segment")).isEmpty();
        assertThat(page.getElementById("schedule-status")).isNotNull();
        assertThat(page.select("#unschedule-form, #schedule-form, #send-now")).isEmpty();
        assertThat(viewer.post(campaign + "/unschedule", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.post(campaign + "/schedule", Map.of("sendAt", tomorrowAt("11:00"))).statusCode()).isEqualTo(403);
        assertThat(viewer.post(campaign + "/audience", Map.of("segmentId", String.valueOf(segment))).statusCode()).isEqualTo(403);
        assertThat(viewer.post(campaign + "/segments", segment("Van de kijker", "vip", "", "save")).statusCode()).isEqualTo(403);
        Campaign unchanged = campaigns.require(id);
        assertThat(unchanged.state()).isEqualTo(CampaignState.SCHEDULED);
        assertThat(unchanged.segmentId()).isNull();
        assertThat(campaigns.segments()).extracting(nl.mailwijs.campaigns.Segment::name).doesNotContain("Van de kijker");
    }

    private static String newCampaign(WebSession browser, String name) throws Exception {
        browser.get("/campaigns/new");
        HttpResponse<String> created = browser.post("/campaigns", campaignFields(name));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        Matcher id = LOCATION_ID.matcher(created.headers().firstValue("Location").orElseThrow());
        assertThat(id.find()).isTrue();
        return "/campaigns/" + id.group(1);
    }

    private static Map<String, String> campaignFields(String name) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("purpose", "COMMERCIAL");
        fields.put("topics", "photo-prints");
        fields.put("containsPromotion", "true");
        fields.put("fromAddress", "nieuws@fotostudio-jansen.nl");
        fields.put("fromName", "Fotostudio Jansen");
        fields.put("subject", "Uw foto's als afdruk");
        fields.put("bodyFormat", "MARKDOWN");
        fields.put("body", "Deze maand 20% korting op afdrukken.");
        fields.put("language", "NL");
        fields.put("segmentId", "");
        return fields;
    }

    private static Map<String, String> segment(String name, String tags, String attributes, String action) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("segmentName", name);
        fields.put("tags", tags);
        fields.put("countries", "");
        fields.put("purchaseCategories", "");
        fields.put("purchasedWithinDays", "");
        fields.put("purchasedAfter", "");
        fields.put("purchasedBefore", "");
        fields.put("consentTopics", "");
        fields.put("attributes", attributes);
        fields.put("action", action);
        return fields;
    }

    private static String tomorrowAt(String time) {
        return LocalDate.now(AMSTERDAM).plusDays(1) + "T" + time;
    }

    private static long id(String campaignPath) {
        return Long.parseLong(campaignPath.substring(campaignPath.lastIndexOf('/') + 1));
    }

    private static String currentStep(Document page) {
        return page.select("nav.steps [aria-current=step]").text();
    }
}
