package nl.mailwijs.suppression;

import static nl.mailwijs.testing.Api.idOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.mailwijs.campaigns.Outbox;
import nl.mailwijs.campaigns.OutboxSender;
import nl.mailwijs.inbox.InboundMailbox;
import nl.mailwijs.inbox.InboundSource;
import nl.mailwijs.inbox.ReceivedMessage;
import nl.mailwijs.suppressions.Bounce;
import nl.mailwijs.suppressions.BounceKind;
import nl.mailwijs.suppressions.BounceSource;
import nl.mailwijs.suppressions.Suppressions;
import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;
import nl.mailwijs.testing.Api;

/**
 * GDPR erasure over the API: the person's data goes everywhere Mailwijs kept it, the ledger
 * still verifies, and a person who objected is never mailed again: not when imported anew (the
 * decision names the erasure suppression), not in a pre-flight, and not through a queued message
 * to the same address on another contact. The outbox workers are off: the test sends the queue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:erasure-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "mailwijs.sending.enabled=false"})
class ErasureApiTests {

    private static final String CONTACTS = "contact_id;E-mail;Naam;Woonplaats\r\nE-1;jan@erase.example.nl;Jan Jansen;Utrecht\r\n"
            + "E-2;els@erase.example.nl;Els Öztürk;Zwolle\r\nE-3;gedeeld@erase.example.nl;Ouder;Delft\r\n"
            + "E-4;Gedeeld@Erase.example.nl;Kind;Delft\r\n";
    private static final String CONSENTS = "contact_id,consent_id,given_at,channels,topics,method,obtained_by,wording,confirmed_at,withdrawn_at\n"
            + "E-1,c-1,2024-03-01T10:00:00Z,EMAIL,,UNTICKED_CHECKBOX,SENDER,\"Ja, stuur mij de nieuwsbrief.\",,\n"
            + "E-2,c-2,2024-03-01T10:00:00Z,EMAIL,,UNTICKED_CHECKBOX,SENDER,\"Ja, stuur mij de nieuwsbrief.\",,\n"
            + "E-3,c-3,2024-03-01T10:00:00Z,EMAIL,,UNTICKED_CHECKBOX,SENDER,\"Ja, stuur mij de nieuwsbrief.\",,\n"
            + "E-4,c-4,2024-03-01T10:00:00Z,EMAIL,,UNTICKED_CHECKBOX,SENDER,\"Ja, stuur mij de nieuwsbrief.\",,\n";
    private static final String DECIDE = "{\"channel\": \"EMAIL\", \"purpose\": \"COMMERCIAL\", \"topics\": [\"photo-prints\"]}";

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    OutboxSender sender;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Outbox outbox;

    @Autowired
    Suppressions suppressions;

    @Autowired
    InboundMailbox inbound;

    @Test
    void anErasedObjectorIsForgottenEverywhereAndNeverMailedAgainEvenWhenImportedAnew() throws Exception {
        Api api = new Api(port);
        String write = tokens.create("privacy officer", TokenScope.WRITE);
        String read = tokens.create("dashboard", TokenScope.READ);
        api.send("PUT", "/api/v1/settings", Api.SETTINGS, write);
        Map<String, String> files = Map.of("contacts", CONTACTS, "consents", CONSENTS);
        assertThat(api.importFiles(files, write).statusCode()).isEqualTo(200);
        long jan = idOf(api.send("GET", "/api/v1/contacts?query=jan@erase", null, read).body());
        long els = idOf(api.send("GET", "/api/v1/contacts?query=els@erase", null, read).body());
        long ouder = idOf(api.send("GET", "/api/v1/contacts?query=ouder", null, read).body());
        long kind = idOf(api.send("GET", "/api/v1/contacts?query=kind", null, read).body());
        assertThat(api.send("POST", "/api/v1/contacts/" + jan + "/objections", "{\"route\": \"LETTER\", \"note\": \"Brief van Jan Jansen\"}", write)
                .statusCode()).isEqualTo(201);
        assertThat(api.send("POST", "/api/v1/contacts/" + kind + "/objections", "{\"route\": \"EMAIL\"}", write).statusCode()).isEqualTo(201);
        assertThat(api.send("POST", "/api/v1/contacts/" + jan + "/decision", DECIDE, write).body()).contains("\"denial\":\"OBJECTED\"");

        // A campaign is queued: Els and the parent (the child objected, for herself) are allowed.
        long campaign = idOf(api.send("POST", "/api/v1/campaigns", Api.CAMPAIGN, write).body());
        assertThat(api.send("POST", "/api/v1/campaigns/" + campaign + "/preflight", null, write).body()).contains("\"allowed\":2",
                "jan@erase.example.nl");
        assertThat(api.send("POST", "/api/v1/campaigns/" + campaign + "/send", null, write).statusCode()).isEqualTo(202);

        // Els's address bounced once, and she mailed the unsubscribe address before: copies of her address outside the contact.
        suppressions.record(new Bounce("Els@Erase.example.nl", BounceKind.HARD, BounceSource.REPORT, "5.1.1",
                "550 5.1.1 <els@erase.example.nl>: Recipient address rejected", java.time.Instant.now(), null, null, campaign));
        inbound.receiveAndProcess(new ReceivedMessage(("From: Els Öztürk <els@erase.example.nl>\r\nTo: afmelden@fotostudio-jansen.nl\r\n"
                + "Subject: Zwolle, afmelden\r\nMessage-ID: <els-1@erase.example.nl>\r\n\r\nGraag afmelden, Els\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), 180, false, InboundSource.SMTP, "test", null, "els@erase.example.nl",
                List.of("afmelden@fotostudio-jansen.nl")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM address_suppression WHERE active_key IS NOT NULL").query(Long.class).single()).isEqualTo(1);

        // The child, Els and Jan ask to be erased.
        assertThat(api.send("POST", "/api/v1/contacts/" + jan + "/erasure", null, read).statusCode()).as("read scope").isEqualTo(403);
        HttpResponse<String> erased = api.send("POST", "/api/v1/contacts/" + jan + "/erasure", null, write);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(erased.body()).contains("\"contactId\":" + jan, "\"suppressions\":1", "\"erasedRecords\":2");
        assertThat(api.send("POST", "/api/v1/contacts/" + kind + "/erasure", null, write).body()).contains("\"suppressions\":1");
        assertThat(api.send("POST", "/api/v1/contacts/" + els + "/erasure", null, write).body()).contains("\"suppressions\":0");
        assertThat(api.send("POST", "/api/v1/contacts/" + jan + "/erasure", null, write).statusCode()).as("erased before").isEqualTo(404);
        assertThat(api.send("GET", "/api/v1/contacts/" + jan, null, read).statusCode()).isEqualTo(404);
        assertThat(api.send("GET", "/api/v1/contacts?query=jan", null, read).body()).contains("\"total\":0");
        assertThat(api.send("GET", "/api/v1/evidence/verify", null, read).body()).contains("\"intact\":true");
        for (int round = 0; round < 10 && sender.sendBatch("test", 100) > 0; round++) {
            // sends what is due
        }

        // Nothing readable of them is left in the database.
        for (String table : List.of("contact", "contact_address", "contact_tag", "evidence_record", "decision_record", "campaign_decision",
                "outbox", "campaign", "objection_suppression", "address_bounce", "address_suppression", "inbound_message")) {
            String everything = String.join("\n", jdbc.sql("SELECT * FROM " + table).query().listOfRows().stream()
                    .map(row -> row.values().stream().map(value -> value instanceof byte[] bytes
                            ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(value)).toList().toString())
                    .toList());
            assertThat(everything).as(table).doesNotContainIgnoringCase("jan@erase").doesNotContainIgnoringCase("els@erase").doesNotContain("Jan Jansen", "Brief van", "Els", "Zwolle", "Kind");
        }
        List<Map<String, Object>> rows = jdbc.sql("SELECT contact_id, address, state, reply_text FROM outbox WHERE campaign_id = :id")
                .param("id", campaign).query().listOfRows();
        assertThat(rows).extracting(row -> row.get("contact_id") + " " + row.get("address") + " " + row.get("state"))
                .containsExactlyInAnyOrder(els + " (erased) STOPPED", ouder + " gedeeld@erase.example.nl STOPPED");
        assertThat(rows).filteredOn(row -> ((Number) row.get("contact_id")).longValue() == ouder).singleElement()
                .satisfies(row -> assertThat((String) row.get("reply_text")).as("the child's objection, kept by address").contains("OBJECTED"));

        // Els clicks the unsubscribe link of the message she never got: a page saying her data is gone, not an error.
        String key = jdbc.sql("SELECT token FROM outbox WHERE contact_id = :id").param("id", els).query(String.class).single();
        HttpResponse<String> oneClick = api.send("POST", "/u/" + outbox.token(key), null, null);
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(oneClick.body()).contains("Uw gegevens zijn al gewist");

        // The shop's export comes again: Jan is a new contact with a consent, and still objecting.
        api.importFiles(files, write);
        long janAgain = idOf(api.send("GET", "/api/v1/contacts?query=jan@erase", null, read).body());
        assertThat(janAgain).isNotEqualTo(jan);
        String decision = api.send("POST", "/api/v1/contacts/" + janAgain + "/decision", DECIDE, write).body();
        assertThat(decision).contains("\"verdict\":\"DENY\"", "\"denial\":\"OBJECTED\"", "\"suppressedBy\":[{\"id\":\"erasure-suppression-",
                "\"cause\":\"ERASURE\"", "gewist (AVG 17)");
        assertThat(api.send("GET", "/api/v1/contacts/" + janAgain + "/basis?topics=photo-prints", null, read).body())
                .contains("\"verdict\":\"DENY\"", "blokkeerlijst (erasure-suppression-");
        long elsAgain = idOf(api.send("GET", "/api/v1/contacts?query=els@erase", null, read).body());
        assertThat(api.send("POST", "/api/v1/contacts/" + elsAgain + "/decision", DECIDE, write).body()).as("Els never objected")
                .contains("\"verdict\":\"ALLOW\"").doesNotContain("suppressedBy");
        long next = idOf(api.send("POST", "/api/v1/campaigns", Api.CAMPAIGN.replace("Afdrukken-actie", "Tweede actie"), write).body());
        String preflight = api.send("POST", "/api/v1/campaigns/" + next + "/preflight", null, write).body();
        assertThat(preflight).contains("\"allowed\":1", "\"OBJECTED\":3");
        assertThat(api.send("GET", "/api/v1/erasure-suppressions?address=JAN@erase.example.nl", null, read).body())
                .contains("\"suppressed\":true", "\"cause\":\"ERASURE\"", "\"via\":\"LETTER\"");
        assertThat(api.send("GET", "/api/v1/erasure-suppressions?address=els@erase.example.nl", null, read).body()).contains("\"suppressed\":false");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM address_suppression WHERE active_key IS NOT NULL").query(Long.class).single())
                .as("the bounce suppression of an erased address is lifted with it").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM address_bounce").query(Long.class).single()).as("the bounce is still counted").isEqualTo(1);
        assertThat(api.send("GET", "/api/v1/erasure-suppressions?channel=FAX&address=x@example.nl", null, read).body()).contains("\"field\":\"channel\"");
    }
}
