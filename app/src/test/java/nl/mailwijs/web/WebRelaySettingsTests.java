package nl.mailwijs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With relays configured, the relay page lists them with their security and whether they sign in,
 * never the password, with the pool and rate limits; a test message to a relay that refuses the
 * connection says it was not sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:web-relays;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "MAILWIJS_ADMIN_PASSWORD=" + WebRelaySettingsTests.PASSWORD, "mailwijs.sending.enabled=false",
        "mailwijs.delivery.connections=3", "mailwijs.delivery.messages-per-second=12.5", "mailwijs.delivery.messages-per-second-per-domain=2",
        "mailwijs.delivery.connect-timeout=2s"})
class WebRelaySettingsTests {

    static final String PASSWORD = "web-relays-password";
    static final String RELAY_PASSWORD = "relay-secret-never-shown";
    /** Nothing listens here: a send is refused at once. */
    private static final int CLOSED_PORT = closedPort();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void relays(DynamicPropertyRegistry registry) {
        registry.add("mailwijs.delivery.relays[0].host", () -> "127.0.0.1");
        registry.add("mailwijs.delivery.relays[0].port", () -> CLOSED_PORT);
        // A list binds from one property source: every relay setting is here, none in the properties above.
        registry.add("mailwijs.delivery.relays[0].security", () -> "STARTTLS");
        registry.add("mailwijs.delivery.relays[0].username", () -> "jansen-smtp");
        registry.add("mailwijs.delivery.relays[0].password", () -> RELAY_PASSWORD);
        registry.add("mailwijs.delivery.relays[1].host", () -> "localhost");
        registry.add("mailwijs.delivery.relays[1].port", () -> CLOSED_PORT);
    }

    @Test
    void theConfiguredRelaysAreShownWithoutTheirPassword() throws Exception {
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        HttpResponse<String> page = admin.get("/settings/relays");
        assertThat(page.body()).doesNotContain(RELAY_PASSWORD).doesNotContain("jansen-smtp").doesNotContain("mailcatcher (smtp");
        Document document = Jsoup.parse(page.body());
        assertThat(document.select("tbody tr").eachText()).containsExactly(
                "127.0.0.1 " + CLOSED_PORT + " STARTTLS (verplicht) Ja, met gebruikersnaam en wachtwoord",
                "localhost " + CLOSED_PORT + " Geen (alleen op deze machine) Nee");
        assertThat(document.select("dl.facts").text()).contains("Verbindingen tegelijk 3", "Berichten per seconde 12,50",
                "per ontvangend domein 2,00", "Verbinden 2 s, antwoord 60 s, schrijven 60 s");
        assertThat(admin.get("/settings/relays?lang=en").body()).contains("Yes, with user name and password", "12.50")
                .doesNotContain(RELAY_PASSWORD);

        admin.post("/settings/relays/test", Map.of("from", "info@fotostudio-jansen.nl", "to", "eigenaar@example.nl"));
        assertThat(Jsoup.parse(admin.get("/settings/relays").body()).select(".notice.error").text())
                .as("in English: the session chose it above").startsWith("The test message was not sent: the relay ")
                .contains(":" + CLOSED_PORT + " could not be reached").doesNotContain(RELAY_PASSWORD, "DEFERRED", "ConnectException");
        admin.get("/settings/relays?lang=nl");
        admin.post("/settings/relays/test", Map.of("from", "info@fotostudio-jansen.nl", "to", "eigenaar@example.nl"));
        assertThat(Jsoup.parse(admin.get("/settings/relays").body()).select(".notice.error").text())
                .startsWith("Het testbericht is niet verstuurd: de relay ").contains(":" + CLOSED_PORT + " was niet te bereiken")
                .doesNotContain("connection failed");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
