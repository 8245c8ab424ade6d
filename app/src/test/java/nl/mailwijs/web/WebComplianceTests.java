package nl.mailwijs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.mailwijs.campaigns.Campaign;
import nl.mailwijs.campaigns.CampaignDraft;
import nl.mailwijs.campaigns.CampaignState;
import nl.mailwijs.campaigns.Campaigns;
import nl.mailwijs.campaigns.Outbox;
import nl.mailwijs.campaigns.Preflight;
import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.NewContact;
import nl.mailwijs.content.BodyFormat;
import nl.mailwijs.decisions.ContactDecisionRequest;
import nl.mailwijs.decisions.ContactDecisions;
import nl.mailwijs.decisions.DecisionRecords;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.evidence.ConsentEvidence;
import nl.mailwijs.evidence.EvidenceRecord;
import nl.mailwijs.evidence.InteractionEvidence;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.PurchaseEvidence;
import nl.mailwijs.platform.AdminAccounts;
import nl.mailwijs.platform.UserRole;
import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsChange;
import nl.mailwijs.settings.SettingsStore;
import nl.mailwijs.suppressions.Bounce;
import nl.mailwijs.suppressions.BounceKind;
import nl.mailwijs.suppressions.BounceSource;
import nl.mailwijs.suppressions.Suppressions;

/**
 * The compliance pages over HTTP: the ledger check finds a record altered in the database, and the
 * dossier of an address shows (and downloads as JSON) the contact, its evidence, the decisions, the
 * message a campaign sent it and its bounce; the overview lists the bounce and draws its bars.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:web-compliance;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "MAILWIJS_ADMIN_PASSWORD=" + WebComplianceTests.PASSWORD, "mailwijs.sending.workers=1"})
class WebComplianceTests {

    static final String PASSWORD = "web-compliance-password";

    @LocalServerPort
    int port;

    @Autowired
    Contacts contacts;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SettingsStore settings;

    @Autowired
    Campaigns campaigns;

    @Autowired
    Preflight preflight;

    @Autowired
    Outbox outbox;

    @Autowired
    ContactDecisions decisions;

    @Autowired
    DecisionRecords decisionRecords;

    @Autowired
    Suppressions suppressions;

    @Autowired
    AdminAccounts accounts;

    @Autowired
    nl.mailwijs.suppression.Erasures erasures;

    @Autowired
    nl.mailwijs.objections.StaffObjections objections;

    private WebSession admin;

    @BeforeEach
    void signIn() throws Exception {
        admin = new WebSession(port).signIn("admin", PASSWORD);
    }

    @Test
    void theLedgerCheckShowsEveryRecordAlteredInTheDatabaseAndAViewerMayRunIt() throws Exception {
        Contact kees = contact("Kees Tamper", "kees@example.nl", "t-1");
        EvidenceRecord purchase = ledger.append(kees.id(), purchase("T-1")).record();
        ledger.append(kees.id(), purchase("T-2"));
        HttpResponse<String> intact = admin.get("/compliance/ledger");
        assertThat(intact.statusCode()).isEqualTo(200);
        assertThat(intact.body()).contains("data-intact=\"true\"", "Het bewijsregister is intact").doesNotContain("data-record=");

        jdbc.sql("UPDATE evidence_record SET recorded_at = :at WHERE id = :id")
                .param("at", OffsetDateTime.parse("2020-01-01T00:00:00Z")).param("id", purchase.id()).update();
        HttpResponse<String> broken = admin.get("/compliance/ledger");

        assertThat(broken.body()).contains("data-intact=\"false\"", "1 record klopt niet", "data-record=\"" + purchase.id() + "\"",
                "De gegevens van het record (contact, soort, nummer, tijdstip of inhoud) zijn gewijzigd.");
        String detail = Jsoup.parse(broken.body()).select("tr[data-record=" + purchase.id() + "] td.detail").text();
        assertThat(detail).as("the technical detail in Dutch, with the hashes as they are")
                .startsWith("Opgeslagen hash " + purchase.hash() + "; de velden en de inhoud geven ").contains("is gewijzigd")
                .doesNotContain("does not match", "stored hash");
        accounts.create("kijker-ledger", "kijker-ledger-password", UserRole.VIEWER);
        WebSession viewer = new WebSession(port).signIn("kijker-ledger", "kijker-ledger-password");
        assertThat(viewer.get("/compliance").statusCode()).isEqualTo(200);
        HttpResponse<String> seenByViewer = viewer.get("/compliance/ledger?lang=en");
        assertThat(seenByViewer.statusCode()).isEqualTo(200);
        assertThat(seenByViewer.body()).contains("data-record=\"" + purchase.id() + "\"", "was changed");
        assertThat(Jsoup.parse(seenByViewer.body()).select("tr[data-record=" + purchase.id() + "] td.detail").text())
                .startsWith("Stored hash " + purchase.hash() + "; the fields and content hash to ").doesNotContain("gewijzigd");
        jdbc.sql("UPDATE evidence_record SET content = '{\"forged\":true}' WHERE id = :id").param("id", purchase.id()).update();
        HttpResponse<String> unreadable = admin.get("/compliance/dossier?address=kees@example.nl");
        assertThat(unreadable.statusCode()).isEqualTo(200);
        assertThat(unreadable.body()).contains("Een bewijsrecord van dit adres is niet meer te lezen", "href=\"/compliance/ledger\"");
        jdbc.sql("UPDATE evidence_record SET content = :content WHERE id = :id").param("content", purchase.contentJson())
                .param("id", purchase.id()).update();
        // Put back, so that the chain is whole again for whatever runs next.
        jdbc.sql("UPDATE evidence_record SET recorded_at = :at WHERE id = :id")
                .param("at", OffsetDateTime.ofInstant(purchase.recordedAt(), java.time.ZoneOffset.UTC)).param("id", purchase.id()).update();
        assertThat(admin.get("/compliance/ledger").body()).contains("data-intact=\"true\"");
    }

    @Test
    void theDossierOfAnAddressShowsItsEvidenceDecisionsSentMessageAndBounceAndDownloadsAsJson() throws Exception {
        SenderSettings sender = settings.change(new SettingsChange("Fotostudio Jansen B.V.", "Fotostudio Jansen", "12345678",
                "Kerkstraat 1, 1234 AB Utrecht", "NL", "privacy@fotostudio-jansen.nl", Map.of("portrait-photography", List.of("photo-prints")),
                null, null), "admin");
        Contact anna = contact("Anna Dossier", "anna.dossier@example.nl", "d-1");
        ledger.append(anna.id(), purchase("W-DOSSIER"));
        ContactDecisions.Made made = decisions.decide(anna.id(), new ContactDecisionRequest(Channel.EMAIL, Purpose.COMMERCIAL,
                List.of("photo-prints"), null, null, null, null));
        decisionRecords.record(made, made.sendAt());
        Campaign campaign = campaigns.create(new CampaignDraft("Dossier-actie", Purpose.COMMERCIAL, List.of("photo-prints"), true,
                "nieuws@fotostudio-jansen.nl", "Fotostudio Jansen", "Uw foto's", null, BodyFormat.MARKDOWN, "Beste klant,\n\nKorting.", null,
                Language.NL, null), sender);
        preflight.run(campaign.id());
        outbox.queue(campaign.id(), preflight);
        waitUntilSent(campaign.id());
        suppressions.record(new Bounce("anna.dossier@example.nl", BounceKind.HARD, BounceSource.REPORT, "5.1.1",
                "mailbox unavailable", Instant.now(), null, null, campaign.id()));

        HttpResponse<String> page = admin.get("/compliance/dossier?address=Anna.Dossier@EXAMPLE.nl");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Dossier van anna.dossier@example.nl", "Anna Dossier", "1 contact met dit adres", "W-DOSSIER", "Aankoop", "Dossier-actie", "NL-TW-11.7-3",
                        "data-state=\"SENT\"", "Verstuurd", "250", "5.1.1 mailbox unavailable", "Harde bounce", "Gevraagd over de API",
                        "Bij de controle vooraf van campagnes", "/compliance/dossier.json?address=");

        HttpResponse<String> download = admin.get("/compliance/dossier.json?address=anna.dossier%40example.nl");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition -> assertThat(disposition)
                .startsWith("attachment").contains("filename=\"mailwijs-dossier-anna.dossier_example.nl-").endsWith(".json\""));
        JsonNode dossier = JsonMapper.builder().build().readTree(download.body());
        assertThat(download.headers().firstValue("Cache-Control")).hasValueSatisfying(cache -> assertThat(cache).contains("no-store"));
        assertThat(dossier.path("address").asString()).isEqualTo("anna.dossier@example.nl");
        assertThat(dossier.path("sender").path("legalName").asString()).isEqualTo("Fotostudio Jansen B.V.");
        assertThat(dossier.path("contacts").get(0).path("name").asString()).isEqualTo("Anna Dossier");
        assertThat(dossier.path("evidence").get(0).path("kind").asString()).isEqualTo("PURCHASE");
        assertThat(dossier.path("evidence").get(0).path("content").toString()).contains("W-DOSSIER");
        assertThat(dossier.path("evidence").get(0).path("hash").asString()).hasSize(64);
        assertThat(dossier.path("decisions").get(0).path("basis").asString()).isEqualTo("SOFT_OPT_IN");
        assertThat(dossier.path("decisions").get(0).path("decision").path("verdict").asString()).isEqualTo("ALLOW");
        assertThat(dossier.path("campaignDecisions").get(0).path("decidingRules").toString()).contains("NL-TW-11.7-3");
        assertThat(dossier.path("messages").get(0).path("state").asString()).isEqualTo("SENT");
        assertThat(dossier.path("messages").get(0).path("replyCode").asInt()).isEqualTo(250);
        assertThat(dossier.path("messages").get(0).path("sentAt").asString()).as("times as ISO text").matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(dossier.path("bounces").get(0).path("kind").asString()).isEqualTo("HARD");
        assertThat(dossier.path("suppressions").get(0).path("reason").asString()).isEqualTo("HARD_BOUNCE");

        HttpResponse<String> dashboard = admin.get("/");
        assertThat(dashboard.body()).contains("Recente bounces", "anna.dossier@example.nl", "data-kind=\"HARD\"", "1 onderdrukt adres");
        String chart = admin.freshBasisFigures();
        assertThat(chart).contains("class=\"bar-chart\"", "data-basis=\"SOFT_OPT_IN\"", "<rect class=\"allow\"", "aria-hidden=\"true\"")
                .containsPattern("<rect class=\"allow\"[^>]* width=\"\\d{1,3}%\"").containsPattern("<span class=\"bar-percent\">\\d{1,3}%</span>");
        assertThat(chart).doesNotContain("style=");
    }

    @Test
    void theDossierNamesKindsOfProofConsentAndContactInThePersonsLanguageNotByTheirCodes() throws Exception {
        Contact joke = contact("Joke Codes", "joke.codes@example.nl", "c-1");
        ledger.append(joke.id(), purchase("W-CODES"));
        ledger.append(joke.id(), new ConsentEvidence("C-CODES", Instant.now().minus(10, ChronoUnit.DAYS), java.util.Set.of(Channel.EMAIL,
                Channel.SMS), List.of(), ConsentMethod.DOUBLE_OPT_IN, ObtainedBy.SENDER, ConsentEvidence.Wording.text("Ja, graag."), null, null,
                null));
        ledger.append(joke.id(), new InteractionEvidence("I-CODES", InteractionType.SHOWROOM_VISIT, Instant.now().minus(5, ChronoUnit.DAYS)));

        String dutch = Jsoup.parse(admin.get("/compliance/dossier?address=joke.codes@example.nl").body()).select("ol.timeline").text();
        String english = Jsoup.parse(admin.get("/compliance/dossier?address=joke.codes@example.nl&lang=en").body()).select("ol.timeline").text();

        assertThat(dutch).contains("Aankoop", "Factuur", "Toestemming", "Double opt-in (bevestigd per e-mail)", "De afzender zelf", "E-mail, Sms",
                "Contactmoment", "Bezoek aan de showroom").doesNotContain("INVOICE", "DOUBLE_OPT_IN", "SENDER", "EMAIL", "SHOWROOM_VISIT");
        assertThat(english).contains("Purchase", "Invoice", "Consent", "Double opt-in (confirmed by e-mail)", "The sender itself", "E-mail, SMS",
                "Showroom visit").doesNotContain("INVOICE", "DOUBLE_OPT_IN", "SHOWROOM_VISIT", "Factuur");
    }

    @Test
    void anAddressThatIsNoAddressIsSaidSoAndAnUnknownOneHasAnEmptyDossier() throws Exception {
        HttpResponse<String> wrong = admin.get("/compliance/dossier?address=geen-adres");
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("Dit is geen geldig e-mailadres.", "aria-invalid=\"true\"");

        HttpResponse<String> unknown = admin.get("/compliance/dossier?address=niemand@example.nl");
        assertThat(unknown.body()).contains("Mailwijs kent dit adres niet", "Geen contact met dit adres");
        assertThat(admin.get("/compliance/dossier.json?address=geen-adres").statusCode()).isEqualTo(400);
    }

    @Test
    void afterAnErasureTheDossierFindsTheAddressOnlyByItsKeyedHashAndAnObjectionByAddressIsListedToo() throws Exception {
        Contact els = contact("Els Gewist", "els.gewist@example.nl", "e-1");
        ledger.append(els.id(), new nl.mailwijs.evidence.ObjectionEvidence("b-1", Instant.now().minus(2, ChronoUnit.DAYS), true, java.util.Set.of(),
                List.of(), nl.mailwijs.engine.request.ObjectionRoute.PHONE, "belde"));
        erasures.erase(els.id());
        objections.forAddress(Channel.EMAIL, "onbekend@example.nl", new nl.mailwijs.objections.StaffObjection(null,
                nl.mailwijs.engine.request.ObjectionRoute.LETTER, true, java.util.Set.of(), List.of(), null, null), "admin");

        HttpResponse<String> erased = admin.get("/compliance/dossier?address=els.gewist@example.nl");
        assertThat(erased.body()).contains("Geen contact met dit adres", "1 vermelding op de onderdrukkingslijst", "erasure-suppression-",
                "Bezwaar van een gewiste persoon", "Telefoon").doesNotContain("Els Gewist", "Mailwijs kent dit adres niet");
        HttpResponse<String> byAddress = admin.get("/compliance/dossier?address=onbekend@example.nl");
        assertThat(byAddress.body()).contains("address-suppression-", "Bezwaar voor een adres zonder contact", "Brief");
        JsonNode json = JsonMapper.builder().build().readTree(admin.get("/compliance/dossier.json?address=els.gewist@example.nl").body());
        assertThat(json.path("contacts")).isEmpty();
        assertThat(json.path("erasureSuppressions").get(0).path("cause").asString()).isEqualTo("ERASURE");
        assertThat(json.path("erasureSuppressions").get(0).path("evidenceId").asString()).startsWith("erasure-suppression-");
        assertThat(json.toString()).doesNotContain("Els Gewist");
    }

    private Contact contact(String name, String address, String externalId) {
        return contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", name, externalId, List.of(), null,
                List.of(new NewContact.NewAddress(Channel.EMAIL, address)))).contact();
    }

    private static PurchaseEvidence purchase(String order) {
        return new PurchaseEvidence(order, Instant.now().minus(60, ChronoUnit.DAYS), List.of("portrait-photography"), Proof.INVOICE, null, true,
                true);
    }

    private void waitUntilSent(long campaignId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (outbox.progress(campaignId).state() == CampaignState.SENT) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not sent within 60 s: " + outbox.progress(campaignId));
    }
}
