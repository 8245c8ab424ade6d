package nl.mailwijs.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;

/**
 * The refusals while sending, through a real relay that answers 550 5.1.1 for one address and
 * 554 5.7.1 (spam) for another: the first address is suppressed at once, the second only counted,
 * until the soft limit (2 here) suppresses it too; the next pre-flights and sends leave them out.
 * No inbound mailbox is configured, so no message offers a mailto.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:rejected-at-send;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "mailwijs.bounces.soft-limit=2", "mailwijs.sending.workers=1", "mailwijs.sending.batch-size=10"})
class RejectedAtSendEndToEndTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final RejectingRelay RELAY = start();

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    private final HttpClient http = HttpClient.newHttpClient();

    private static RejectingRelay start() {
        try {
            return new RejectingRelay();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) {
        // All of a list's elements from one source, or Spring binds none of them.
        registry.add("mailwijs.delivery.relays[0].host", () -> "127.0.0.1");
        registry.add("mailwijs.delivery.relays[0].port", RELAY::port);
        registry.add("mailwijs.delivery.relays[0].security", () -> "NONE");
    }

    @AfterAll
    static void stopRelay() throws IOException {
        RELAY.close();
    }

    @Test
    void anAddressRefusedWhileSendingIsSuppressedAndAMessageRefusedAsSpamIsCountedUntilTheLimit() throws Exception {
        String write = tokens.create("marketing", TokenScope.WRITE);
        String read = tokens.create("viewer", TokenScope.READ);
        assertThat(send("PUT", "/api/v1/settings", """
                {"legalName": "Fotostudio Jansen B.V.", "kvkNumber": "12345678", "postalAddress": "Kerkstraat 1, 1234 AB Utrecht",
                 "country": "NL"}""", write).statusCode()).isEqualTo(200);
        String recently = LocalDate.now(ZoneOffset.UTC).minusMonths(2).toString();
        customer("k-1", "unknown@example.nl", write, recently);
        customer("k-2", "spamtrap@example.nl", write, recently);
        customer("k-3", "fine@example.nl", write, recently);

        long first = sendCampaign(write, read);
        assertThat(waitForState(first, "SENT", read)).contains("\"sent\":1", "\"failed\":2");
        assertThat(send("GET", "/api/v1/suppressions?address=unknown@example.nl", null, read).body())
                .contains("\"total\":1", "\"reason\":\"REJECTED_AT_SEND\"", "\"status\":\"5.1.1\"", "\"inboundMessageId\":null");
        assertThat(send("GET", "/api/v1/suppressions?address=spamtrap@example.nl", null, read).body()).contains("\"total\":0");
        assertThat(send("GET", "/api/v1/bounces?address=spamtrap@example.nl", null, read).body())
                .contains("\"kind\":\"REFUSED\"", "\"source\":\"SMTP_REPLY\"", "554 5.7.1");
        RejectingRelay.Accepted fine = RELAY.accepted.getFirst();
        assertThat(fine.envelopeFrom()).matches("bounce\\+[A-Za-z0-9_-]{43}@fotostudio-jansen\\.nl");
        assertThat(fine.data()).contains("List-Unsubscribe: <http").doesNotContain("mailto:");

        long second = campaign(write);
        assertThat(send("POST", "/api/v1/campaigns/" + second + "/preflight", null, write).body())
                .contains("\"allowed\":3", "\"suppressed\":1", "\"REJECTED_AT_SEND\":1");
        send("POST", "/api/v1/campaigns/" + second + "/send", null, write);
        assertThat(waitForState(second, "SENT", read)).contains("\"sent\":1", "\"failed\":1", "\"stopped\":1");
        assertThat(send("GET", "/api/v1/suppressions?address=spamtrap@example.nl", null, read).body())
                .contains("\"total\":1", "\"reason\":\"SOFT_BOUNCES\"");

        long third = campaign(write);
        assertThat(send("POST", "/api/v1/campaigns/" + third + "/preflight", null, write).body())
                .contains("\"suppressed\":2", "\"REJECTED_AT_SEND\":1", "\"SOFT_BOUNCES\":1");
        assertThat(RELAY.accepted).extracting(RejectingRelay.Accepted::recipient).containsOnly("fine@example.nl");
    }

    private long sendCampaign(String write, String read) throws Exception {
        long campaign = campaign(write);
        assertThat(send("POST", "/api/v1/campaigns/" + campaign + "/preflight", null, write).body()).contains("\"allowed\":3");
        assertThat(send("POST", "/api/v1/campaigns/" + campaign + "/send", null, write).statusCode()).isEqualTo(202);
        return campaign;
    }

    private long campaign(String token) throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/campaigns", """
                {"name": "Afdrukken", "purpose": "COMMERCIAL", "topics": ["portrait-photography"],
                 "fromAddress": "nieuws@fotostudio-jansen.nl", "subject": "Uw foto's als afdruk", "body": "20% korting."}""", token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return firstId(created.body());
    }

    private void customer(String externalId, String address, String token, String purchased) throws Exception {
        long id = firstId(send("POST", "/api/v1/contacts", """
                {"kind": "NATURAL_PERSON", "country": "NL", "name": "Klant %s", "externalId": "%s",
                 "addresses": [{"channel": "EMAIL", "address": "%s"}]}""".formatted(externalId, externalId, address), token).body());
        send("POST", "/api/v1/contacts/" + id + "/evidence", """
                {"kind": "PURCHASE", "id": "o-%s", "date": "%s", "categories": ["portrait-photography"],
                 "proof": "ORDER", "addressCollectedInSale": true, "objectionOffered": true}""".formatted(externalId, purchased), token);
    }

    private String waitForState(long campaign, String state, String token) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = send("GET", "/api/v1/campaigns/" + campaign + "/progress", null, token).body();
            if (body.contains("\"state\":\"" + state + "\"")) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("campaign " + campaign + " did not reach " + state + " in " + WAIT + ": " + body);
    }

    private static long firstId(String json) {
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(json);
        if (!id.find()) {
            throw new AssertionError("no id in " + json);
        }
        return Long.parseLong(id.group(1));
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
