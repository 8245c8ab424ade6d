package nl.mailwijs.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import nl.mailwijs.delivery.FaultySmtpServer;
import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;

/**
 * A whole campaign through a relay that misbehaves: 451 and 421 to some messages, a connection
 * dropped mid-message, a connection that stalls. The campaign finishes; every temporary failure
 * is tried again and then delivered, once; the one address refused with 550 fails for good; and
 * the stall holds up only its own message while the others go on over the other connections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:campaign-faults;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "mailwijs.sending.workers=2", "mailwijs.sending.batch-size=5", "mailwijs.sending.first-retry=1s",
        "mailwijs.delivery.connections=3", "mailwijs.delivery.read-timeout=2s"})
class CampaignDeliveryFaultsTests {

    private static final FaultySmtpServer RELAY = start();
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(2);

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry properties) {
        // Both here: a list binds from one property source only.
        properties.add("mailwijs.delivery.relays[0].host", () -> "127.0.0.1");
        properties.add("mailwijs.delivery.relays[0].port", RELAY::port);
    }

    @AfterAll
    static void stopRelay() throws Exception {
        RELAY.releaseStall.countDown();
        RELAY.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    private ServerApi api;

    @BeforeEach
    void connect() {
        api = new ServerApi(port);
    }

    @Test
    void aCampaignThroughAFaultyRelayFinishesWithEveryTemporaryFailureRetriedAndNothingSentTwice() throws Exception {
        String write = tokens.create("marketing", TokenScope.WRITE);
        api.send("PUT", "/api/v1/settings", """
                {"legalName": "Fotostudio Jansen B.V.", "kvkNumber": "12345678", "postalAddress": "Kerkstraat 1, 1234 AB Utrecht",
                 "country": "NL", "objectionAddress": "privacy@fotostudio-jansen.nl",
                 "similarTopics": {"portrait-photography": ["photo-prints"]}}""", write);
        String purchased = LocalDate.now(ZoneOffset.UTC).minusMonths(1).toString();
        // The stall first: its message is claimed in the first batch, so the rest of the campaign runs while it hangs.
        List<String> addresses = new ArrayList<>(List.of("once-stall-1@example.nl"));
        for (int i = 1; i <= 20; i++) {
            addresses.add("klant" + i + "@example.nl");
        }
        addresses.addAll(List.of("once-defer451-1@example.nl", "once-defer451-2@example.nl", "once-defer451-3@example.nl",
                "once-busy421-1@example.nl", "once-drop-1@example.nl", "once-drop-2@example.nl", "reject550@example.nl"));
        for (int i = 0; i < addresses.size(); i++) {
            api.customer("f-" + i, "Klant " + i, addresses.get(i), write, purchased);
        }
        long campaign = ServerApi.idOf(api.send("POST", "/api/v1/campaigns", """
                {"name": "Storingen", "purpose": "COMMERCIAL", "topics": ["photo-prints"],
                 "fromAddress": "nieuws@fotostudio-jansen.nl", "subject": "Uw foto's als afdruk",
                 "body": "Beste klant,\\n\\nDeze maand 20% korting op afdrukken."}""", write).body());
        assertThat(api.send("POST", "/api/v1/campaigns/" + campaign + "/preflight", null, write).body()).contains("\"allowed\":28");
        assertThat(api.send("POST", "/api/v1/campaigns/" + campaign + "/send", null, write).statusCode()).isEqualTo(202);

        String progress = api.waitForState(campaign, "SENT", write, Duration.ofSeconds(90));

        assertThat(progress).contains("\"total\":28", "\"sent\":27", "\"failed\":1", "\"deferred\":0");
        Map<String, Long> received = RELAY.accepted.stream()
                .collect(Collectors.groupingBy(FaultySmtpServer.Accepted::recipient, Collectors.counting()));
        assertThat(received).as("every allowed recipient but the refused one, each once")
                .containsOnlyKeys(addresses.stream().filter(address -> !address.startsWith("reject550")).toList())
                .allSatisfy((recipient, times) -> assertThat(times).as(recipient).isEqualTo(1));
        String failed = api.send("GET", "/api/v1/campaigns/" + campaign + "/outbox?state=FAILED", null, write).body();
        assertThat(failed).contains("reject550@example.nl", "\"replyCode\":550", "no such user");
        String sent = api.send("GET", "/api/v1/campaigns/" + campaign + "/outbox?state=SENT&size=100", null, write).body();
        for (String retried : addresses.stream().filter(address -> address.startsWith("once-")).toList()) {
            assertThat(sent).as(retried + " was sent on its second attempt")
                    .containsPattern("\"address\":\"" + retried.replace(".", "\\.") + "\",\"state\":\"SENT\",\"attempts\":2");
        }

        long stallBegan = RELAY.stallStartedAt.get();
        assertThat(stallBegan).as("the relay stalled once").isPositive();
        Function<String, Long> acceptedAt = recipient -> RELAY.accepted.stream().filter(a -> a.recipient().equals(recipient))
                .findFirst().orElseThrow().atNanos();
        long duringTheStall = addresses.stream().filter(address -> address.startsWith("klant"))
                .filter(address -> acceptedAt.apply(address) < stallBegan + STALL_TIMEOUT.toNanos()).count();
        assertThat(duringTheStall).as("messages delivered over the other connections before the stalled one timed out")
                .isGreaterThanOrEqualTo(10);
    }

    private static FaultySmtpServer start() {
        try {
            return new FaultySmtpServer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
