package nl.mailwijs.objections;

import static nl.mailwijs.testing.Api.idOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.mailwijs.campaigns.OutboxSender;
import nl.mailwijs.evidence.EvidenceKind;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.ObjectionEvidence;
import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;
import nl.mailwijs.testing.Api;

/**
 * Objections entered by staff, over the API: stored in the ledger before the answer, effective at
 * once (also for a campaign's queued messages, stopped at send time), never undone by an import;
 * by address for every contact with it, or on the suppression list when no contact has it.
 * The outbox workers are off here: the test sends the queued messages itself, after the objection.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:staff-objections;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "mailwijs.sending.enabled=false"})
class StaffObjectionApiTests {

    private static final String CONTACTS = "contact_id;E-mail;Naam\r\nK-1;anna@example.nl;Anna de Vries\r\nK-2;piet@example.nl;Piet Bakker\r\n"
            + "K-3;kees@example.nl;Kees\r\n";
    private static final String CONSENTS = "contact_id,consent_id,given_at,channels,topics,method,obtained_by,wording,confirmed_at,withdrawn_at\n"
            + "K-1,c-1,2024-03-01T10:00:00Z,EMAIL,,UNTICKED_CHECKBOX,SENDER,\"Ja, stuur mij de nieuwsbrief.\",,\n"
            + "K-2,c-2,2024-03-01T10:00:00Z,EMAIL,,UNTICKED_CHECKBOX,SENDER,\"Ja, stuur mij de nieuwsbrief.\",,\n"
            + "K-3,c-3,2024-03-01T10:00:00Z,EMAIL,,UNTICKED_CHECKBOX,SENDER,\"Ja, stuur mij de nieuwsbrief.\",,\n";
    private static final String DECIDE = "{\"channel\": \"EMAIL\", \"purpose\": \"COMMERCIAL\", \"topics\": [\"photo-prints\"]}";

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    Ledger ledger;

    @Autowired
    OutboxSender sender;

    @Autowired
    JdbcClient jdbc;

    private Api api;
    private String write;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(port);
        write = tokens.create("klantenservice", TokenScope.WRITE);
        assertThat(api.send("PUT", "/api/v1/settings", Api.SETTINGS, write).statusCode()).isEqualTo(200);
    }

    private long imported(String address) throws Exception {
        HttpResponse<String> found = api.send("GET", "/api/v1/contacts?query=" + address, null, write);
        return idOf(found.body());
    }

    @Test
    void anObjectionByPhoneIsStoredBeforeTheAnswerAndDeniesAtOnce() throws Exception {
        api.importFiles(Map.of("contacts", CONTACTS.replace("K-", "P-").replace("@example", "@phone.example"),
                "consents", CONSENTS.replace("K-", "P-").replace("c-", "pc-")), write);
        long anna = imported("anna@phone.example.nl");
        assertThat(api.send("POST", "/api/v1/contacts/" + anna + "/decision", DECIDE, write).body()).contains("\"verdict\":\"ALLOW\"");

        HttpResponse<String> created = api.send("POST", "/api/v1/contacts/" + anna + "/objections", """
                {"id": "ticket-77", "route": "PHONE", "note": "Belde op: wil geen nieuwsbrief meer.", "receivedAt": "2026-01-05T09:30:00Z"}""",
                write);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long record = idOf(created.body());
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/evidence/" + record);
        assertThat(created.body()).contains("\"kind\":\"OBJECTION\"", "\"via\":\"PHONE\"", "\"channels\":[\"ALL\"]",
                "Entered by token klantenservice", "wil geen nieuwsbrief meer");
        // Committed before the answer: the ledger has it, and the decision is a denial now.
        assertThat(ledger.record(record).orElseThrow().content()).isInstanceOfSatisfying(ObjectionEvidence.class,
                objection -> assertThat(objection.allChannels()).isTrue());
        assertThat(api.send("POST", "/api/v1/contacts/" + anna + "/decision", DECIDE, write).body())
                .contains("\"verdict\":\"DENY\"", "\"denial\":\"OBJECTED\"");
        HttpResponse<String> again = api.send("POST", "/api/v1/contacts/" + anna + "/objections", """
                {"id": "ticket-77", "route": "PHONE", "note": "Belde op: wil geen nieuwsbrief meer.", "receivedAt": "2026-01-05T09:30:00Z"}""",
                write);
        assertThat(again.statusCode()).as("sent twice, recorded once").isEqualTo(200);
        assertThat(idOf(again.body())).isEqualTo(record);

        // By letter, for SMS only and one topic: e-mail about photo prints is still allowed for Piet.
        long piet = imported("piet@phone.example.nl");
        assertThat(api.send("POST", "/api/v1/contacts/" + piet + "/objections", """
                {"route": "LETTER", "channels": ["SMS"], "topics": ["photo-prints"]}""", write).statusCode()).isEqualTo(201);
        assertThat(api.send("POST", "/api/v1/contacts/" + piet + "/decision", DECIDE, write).body()).contains("\"verdict\":\"ALLOW\"");
    }

    @Test
    void badInputIsRefusedNamingTheField() throws Exception {
        api.importFiles(Map.of("contacts", "contact_id;E-mail\r\nB-1;fout@example.nl\r\n"), write);
        long contact = imported("fout@example.nl");
        String read = tokens.create("dashboard", TokenScope.READ);

        assertThat(api.send("POST", "/api/v1/contacts/" + contact + "/objections", "{}", write).body()).contains("\"field\":\"route\"");
        assertThat(api.send("POST", "/api/v1/contacts/" + contact + "/objections", "{\"route\": \"FAX\"}", write).body())
                .contains("\"field\":\"route\"");
        assertThat(api.send("POST", "/api/v1/contacts/" + contact + "/objections", "{\"route\": \"PHONE\", \"channels\": [\"PIGEON\"]}", write)
                .body()).contains("\"field\":\"channels[0]\"");
        assertThat(api.send("POST", "/api/v1/contacts/" + contact + "/objections", "{\"route\": \"PHONE\", \"receivedAt\": \"2999-01-01T00:00:00Z\"}",
                write).body()).contains("\"field\":\"receivedAt\"", "future");
        assertThat(api.send("POST", "/api/v1/contacts/" + contact + "/objections", "{\"route\": \"PHONE\", \"colour\": \"red\"}", write).body())
                .contains("colour");
        assertThat(api.send("POST", "/api/v1/objections", "{\"route\": \"PHONE\", \"address\": \"not an address\"}", write).body())
                .contains("\"field\":\"address\"");
        assertThat(api.send("POST", "/api/v1/contacts/999999/objections", "{\"route\": \"PHONE\"}", write).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/contacts/" + contact + "/objections", "{\"route\": \"PHONE\"}", read).statusCode()).isEqualTo(403);
        assertThat(api.send("POST", "/api/v1/objections", "{\"route\": \"PHONE\", \"address\": \"x@example.nl\"}", null).statusCode())
                .isEqualTo(401);
        assertThat(ledger.recordsOf(contact)).isEmpty();
    }

    @Test
    void byAddressItObjectsForEveryContactWithItOrSuppressesAnAddressNoContactHas() throws Exception {
        api.importFiles(Map.of("contacts", "contact_id;E-mail;Naam\r\nG-1;gezin@example.nl;Ouder\r\nG-2;Gezin@Example.NL;Kind\r\n"), write);

        HttpResponse<String> shared = api.send("POST", "/api/v1/objections", """
                {"address": "GEZIN@example.nl", "route": "EMAIL", "note": "Mail aan info@: afmelden graag"}""", write);

        assertThat(shared.statusCode()).as(shared.body()).isEqualTo(201);
        assertThat(shared.body()).contains("\"contactIds\":[", "\"kind\":\"OBJECTION\"").doesNotContain("\"suppression\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM evidence_record WHERE kind = 'OBJECTION' AND content LIKE '%info@%'").query(Long.class).single())
                .as("both contacts with the address").isEqualTo(2);

        HttpResponse<String> unknown = api.send("POST", "/api/v1/objections", """
                {"address": "Onbekend@Example.nl", "route": "LETTER", "channels": ["EMAIL"]}""", write);
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(201);
        assertThat(unknown.body()).contains("\"contactIds\":[]", "\"suppression\":{", "\"cause\":\"ADDRESS_OBJECTION\"");
        String suppressionId = "address-suppression-" + idOf(unknown.body().substring(unknown.body().indexOf("\"suppression\"")));
        assertThat(jdbc.sql("SELECT CONCAT(address_hmac, channels, topics, cause, COALESCE(via, '')) FROM objection_suppression")
                .query(String.class).list()).singleElement().asString().doesNotContainIgnoringCase("onbekend");
        assertThat(api.send("GET", "/api/v1/erasure-suppressions?address=onbekend@example.nl", null, write).body()).contains("\"suppressed\":true");

        // A contact that gets the address later, with a consent, is still not mailed: the decision names the entry.
        long later = idOf(api.send("POST", "/api/v1/contacts", """
                {"kind": "NATURAL_PERSON", "country": "NL", "externalId": "L-1", "addresses": [{"channel": "EMAIL", "address": "onbekend@example.nl"}]}""",
                write).body());
        api.send("POST", "/api/v1/contacts/" + later + "/evidence", """
                {"kind": "CONSENT", "givenAt": "2026-01-01T00:00:00Z", "channels": ["EMAIL"], "method": "UNTICKED_CHECKBOX", "obtainedBy": "SENDER",
                 "wording": "Ja, stuur mij de nieuwsbrief."}""", write);
        String decision = api.send("POST", "/api/v1/contacts/" + later + "/decision", DECIDE, write).body();
        assertThat(decision).contains("\"verdict\":\"DENY\"", "\"denial\":\"OBJECTED\"", "\"suppressedBy\":[{\"id\":\"" + suppressionId + "\"",
                "\"cause\":\"ADDRESS_OBJECTION\"", "blokkeerlijst");
    }

    @Test
    void aStaffObjectionStopsTheQueuedMessageOfARunningCampaignAndNoImportUndoesIt() throws Exception {
        Map<String, String> files = Map.of("contacts", CONTACTS, "consents", CONSENTS);
        api.importFiles(files, write);
        long anna = imported("anna@example.nl");
        long piet = imported("piet@example.nl");
        long campaign = idOf(api.send("POST", "/api/v1/campaigns", Api.CAMPAIGN.replace("Afdrukken-actie", "Staff objection"), write).body());
        HttpResponse<String> preflight = api.send("POST", "/api/v1/campaigns/" + campaign + "/preflight", null, write);
        assertThat(preflight.statusCode()).as(preflight.body()).isEqualTo(200);
        HttpResponse<String> queued = api.send("POST", "/api/v1/campaigns/" + campaign + "/send", null, write);
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);

        // The campaign is running with Anna's message queued when she phones.
        assertThat(api.send("POST", "/api/v1/contacts/" + anna + "/objections", "{\"route\": \"PHONE\"}", write).statusCode()).isEqualTo(201);
        for (int round = 0; round < 10 && sender.sendBatch("test", 100) > 0; round++) {
            // sends what is due, in batches
        }

        List<Map<String, Object>> outbox = jdbc.sql("SELECT contact_id, state, reply_text FROM outbox WHERE campaign_id = :id ORDER BY contact_id")
                .param("id", campaign).query().listOfRows();
        assertThat(outbox).extracting(row -> ((Number) row.get("contact_id")).longValue() + " " + row.get("state"))
                .contains(anna + " STOPPED", piet + " SENT");
        assertThat(outbox).filteredOn(row -> ((Number) row.get("contact_id")).longValue() == anna).singleElement()
                .satisfies(row -> assertThat((String) row.get("reply_text")).contains("denied at send time: OBJECTED", "NL-AVG-21"));

        // The shop's export comes again, with the consent and a new one: the objection still holds.
        api.importFiles(files, write);
        api.importFiles(Map.of("contacts", CONTACTS, "consents", CONSENTS.replace("c-1,2024-03-01", "c-9,2026-01-02")), write);
        assertThat(imported("anna@example.nl")).isEqualTo(anna);
        assertThat(ledger.recordsOf(anna)).extracting(record -> record.kind()).containsOnlyOnce(EvidenceKind.OBJECTION)
                .contains(EvidenceKind.CONSENT);
        assertThat(api.send("POST", "/api/v1/contacts/" + anna + "/decision", DECIDE, write).body())
                .contains("\"verdict\":\"DENY\"", "\"denial\":\"OBJECTED\"");
    }
}
