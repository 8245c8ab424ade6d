package nl.mailwijs.notifications;

import static nl.mailwijs.testing.Api.idOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import nl.mailwijs.campaigns.Outbox;
import nl.mailwijs.campaigns.OutboxSender;
import nl.mailwijs.delivery.MailCatcher;
import nl.mailwijs.notifications.internal.WebhookNotifier;
import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;
import nl.mailwijs.testing.Api;

/**
 * The sender hears of every objection, whatever its route, per event: by e-mail through the
 * delivery path into the mail catcher (in Dutch), and by a webhook on 127.0.0.1 whose signature
 * the receiver can check. A webhook that is down gets the notification later; after the last
 * attempt it is FAILED, still listed. The worker is off: the test delivers, at the times it picks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:notifications;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "mailwijs.sending.enabled=false", "mailwijs.notifications.worker=false", "mailwijs.notifications.max-attempts=3",
        "mailwijs.notifications.email.to=privacy@fotostudio-jansen.nl",
        "mailwijs.notifications.email.from=mailwijs@fotostudio-jansen.nl"})
class NotificationApiTests {

    private static final HttpServer RECEIVER;
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** How many calls the receiver answers 503 before it works again. */
    private static final AtomicInteger DOWN_FOR = new AtomicInteger();

    private record Received(String timestamp, String signature, String body) {
    }

    static {
        try {
            RECEIVER = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RECEIVER.createContext("/hook", NotificationApiTests::receive);
        RECEIVER.start();
        // One receiver for this class and its PostgreSQL subclass, whose contexts may both be cached: it stops with the JVM.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RECEIVER.stop(0), "stop-webhook-receiver"));
    }

    private static void receive(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status = 204;
        if (DOWN_FOR.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            status = 503;
        } else {
            RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst(WebhookNotifier.TIMESTAMP),
                    exchange.getRequestHeaders().getFirst(WebhookNotifier.SIGNATURE), new String(body, StandardCharsets.UTF_8)));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry properties) {
        properties.add("mailwijs.notifications.webhook.url", () -> "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/hook");
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    Notifications notifications;

    @Autowired
    MailCatcher catcher;

    @Autowired
    OutboxSender sender;

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcClient jdbc;

    private final JsonMapper json = JsonMapper.builder().build();
    private Api api;
    private String write;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(port);
        write = tokens.create("privacy officer", TokenScope.WRITE);
        api.send("PUT", "/api/v1/settings", Api.SETTINGS, write);
        // What an earlier test left due is delivered now, so each test sees only its own.
        DOWN_FOR.set(0);
        notifications.deliverDue(Instant.now().plusSeconds(86_400));
        catcher.clear();
        RECEIVED.clear();
    }

    private long customer(String externalId, String name, String address) throws Exception {
        long id = idOf(api.send("POST", "/api/v1/contacts", """
                {"kind": "NATURAL_PERSON", "country": "NL", "name": "%s", "externalId": "%s",
                 "addresses": [{"channel": "EMAIL", "address": "%s"}]}""".formatted(name, externalId, address), write).body());
        api.send("POST", "/api/v1/contacts/" + id + "/evidence", """
                {"kind": "CONSENT", "givenAt": "2025-01-01T00:00:00Z", "channels": ["EMAIL"], "method": "UNTICKED_CHECKBOX",
                 "obtainedBy": "SENDER", "wording": "Ja, stuur mij de nieuwsbrief."}""", write);
        return id;
    }

    @Test
    void everyRouteIsNotifiedByEmailInDutchAndByASignedWebhook() throws Exception {
        long anna = customer("n-1", "Anna de Vries", "anna@notify.example.nl");
        long piet = customer("n-2", "Piet Bakker", "piet@notify.example.nl");
        long kees = customer("n-3", "Kees", "kees@notify.example.nl");

        // The unsubscribe link of a message Anna got: one click.
        long campaign = idOf(api.send("POST", "/api/v1/campaigns", Api.CAMPAIGN, write).body());
        api.send("POST", "/api/v1/campaigns/" + campaign + "/preflight", null, write);
        api.send("POST", "/api/v1/campaigns/" + campaign + "/send", null, write);
        String key = jdbc.sql("SELECT token FROM outbox WHERE contact_id = :id").param("id", anna).query(String.class).single();
        HttpResponse<String> oneClick = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/u/" + outbox.token(key)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        // Staff: Piet phoned. A complaint for Kees (as the bounce processing records one). An address no contact has.
        api.send("POST", "/api/v1/contacts/" + piet + "/objections", "{\"route\": \"PHONE\", \"channels\": [\"EMAIL\"]}", write);
        api.send("POST", "/api/v1/contacts/" + kees + "/evidence", """
                {"kind": "OBJECTION", "at": "2026-01-02T10:00:00Z", "channels": ["ALL"], "via": "COMPLAINT"}""", write);
        api.send("POST", "/api/v1/objections", "{\"address\": \"vreemde@notify.example.nl\", \"route\": \"LETTER\", \"topics\": [\"photo-prints\"]}",
                write);
        // Written with the objections, before any delivery: durable.
        assertThat(api.send("GET", "/api/v1/notifications?state=PENDING", null, write).body())
                .contains("\"contactId\":" + anna, "\"contactId\":" + piet, "\"contactId\":" + kees, "vreemde@notify.example.nl");

        assertThat(notifications.about(List.of(piet), "VREEMDE@notify.example.nl"))
                .as("what a dossier lists: by contact, and by the address of an objection without one, e-mail and webhook each")
                .hasSize(4).allSatisfy(found -> assertThat(found.contactId() == null ? found.address() : String.valueOf(found.contactId()))
                        .isIn(String.valueOf(piet), "vreemde@notify.example.nl"));
        assertThat(notifications.about(List.of(), "niemand@notify.example.nl")).isEmpty();

        assertThat(notifications.deliverDue()).as("4 objections, e-mail and webhook each").isEqualTo(8);

        List<MailCatcher.Summary> mails = catcher.list(0, 20).messages();
        assertThat(mails).hasSize(4).allSatisfy(mail -> {
            assertThat(mail.to()).isEqualTo("privacy@fotostudio-jansen.nl");
            assertThat(mail.from()).contains("mailwijs@fotostudio-jansen.nl");
            assertThat(mail.subject()).startsWith("Bezwaar ontvangen: ");
        });
        String all = String.join("\n", mails.stream().map(mail -> catcher.get(mail.id()).orElseThrow().text()).toList());
        assertThat(all).contains("Anna de Vries <anna@notify.example.nl> (contact " + anna + "): bezwaar via de afmeldlink",
                "Piet Bakker <piet@notify.example.nl> (contact " + piet + "): bezwaar via telefoon", "voor e-mail, alle onderwerpen",
                "bezwaar via een klacht op 2-1-2026 11:00, voor alle kanalen",
                "vreemde@notify.example.nl (geen contact; het adres staat op de blokkeerlijst): bezwaar via brief",
                "onderwerpen: photo-prints", "Verwerk het bezwaar daar ook.");
        String raw = catcher.get(mails.getFirst().id()).orElseThrow().raw();
        assertThat(raw).as("not a mailing").doesNotContain("List-Unsubscribe", "List-Id");

        assertThat(RECEIVED).hasSize(4);
        byte[] secret = Base64.getDecoder().decode(json.readTree(api.send("GET", "/api/v1/notifications/webhook-secret", null, write).body())
                .get("secret").asString());
        for (Received received : RECEIVED) {
            assertThat(received.signature()).isEqualTo("sha256=" + WebhookNotifier.sign(secret, received.timestamp(), received.body()));
            assertThat(Long.parseLong(received.timestamp())).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        }
        JsonNode piets = RECEIVED.stream().map(received -> json.readTree(received.body()).get("notifications").get(0))
                .filter(item -> item.get("contactId").asLong() == piet).findFirst().orElseThrow();
        assertThat(piets.get("via").asString()).isEqualTo("PHONE");
        assertThat(piets.get("channels").toString()).isEqualTo("[\"EMAIL\"]");
        assertThat(piets.get("addresses").toString()).isEqualTo("[\"piet@notify.example.nl\"]");
        assertThat(piets.get("evidenceRecordId").asLong()).isPositive();
        String read = tokens.create("dashboard", TokenScope.READ);
        assertThat(api.send("GET", "/api/v1/notifications/webhook-secret", null, read).statusCode()).as("a key, not for a read token")
                .isEqualTo(403);
        assertThat(api.send("GET", "/api/v1/notifications?state=DELIVERED", null, read).body()).contains("\"state\":\"DELIVERED\"");
        assertThat(api.send("GET", "/api/v1/notifications?state=LOST", null, read).body()).contains("\"field\":\"state\"");
    }

    @Test
    void aWebhookThatIsDownGetsTheNotificationLaterAndAfterTheLastAttemptItIsFailedAndListed() throws Exception {
        long els = customer("n-4", "Els", "els@notify.example.nl");
        DOWN_FOR.set(1);
        api.send("POST", "/api/v1/contacts/" + els + "/objections", "{\"route\": \"EMAIL\"}", write);
        Instant now = Instant.now();

        assertThat(notifications.deliverDue(now)).as("the e-mail only").isEqualTo(1);
        Notification waiting = webhookNotificationOf(els);
        assertThat(waiting.state()).isEqualTo("PENDING");
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.lastError()).contains("webhook answered 503");
        assertThat(notifications.deliverDue(now)).as("not due again yet").isZero();
        assertThat(notifications.deliverDue(now.plusSeconds(31))).as("the retry").isEqualTo(1);
        assertThat(webhookNotificationOf(els).state()).isEqualTo("DELIVERED");
        assertThat(RECEIVED).singleElement().satisfies(received -> assertThat(received.body()).contains("\"contactId\":" + els));

        long bram = customer("n-5", "Bram", "bram@notify.example.nl");
        DOWN_FOR.set(100);
        api.send("POST", "/api/v1/contacts/" + bram + "/objections", "{\"route\": \"EMAIL\"}", write);
        Instant later = Instant.now();
        for (int attempt = 0; attempt < 5; attempt++) {
            notifications.deliverDue(later.plusSeconds(3_600L * attempt));
        }
        Notification failed = webhookNotificationOf(bram);
        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.attempts()).as("max-attempts").isEqualTo(3);
        assertThat(api.send("GET", "/api/v1/notifications?state=FAILED", null, write).body()).contains("\"contactId\":" + bram,
                "webhook answered 503");
    }

    @Test
    void anObjectionThatIsNotRecordedIsNotNotified() throws Exception {
        long count = jdbc.sql("SELECT COUNT(*) FROM objection_notification").query(Long.class).single();

        assertThat(api.send("POST", "/api/v1/contacts/999999/objections", "{\"route\": \"PHONE\"}", write).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/objections", "{\"route\": \"PHONE\", \"address\": \"geen adres\"}", write).statusCode()).isEqualTo(400);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM objection_notification").query(Long.class).single()).isEqualTo(count);
    }

    private Notification webhookNotificationOf(long contactId) {
        return notifications.list(null, 0, 100).stream()
                .filter(n -> n.target() == NotificationTarget.WEBHOOK && Long.valueOf(contactId).equals(n.contactId()))
                .findFirst().orElseThrow();
    }
}
