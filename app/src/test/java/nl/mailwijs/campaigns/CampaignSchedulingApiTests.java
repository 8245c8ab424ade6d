package nl.mailwijs.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import nl.mailwijs.delivery.MailCatcher;
import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;
import nl.mailwijs.testing.MutableClock;

/**
 * Scheduling over the API, with the server's clock in the test's hand: refused without a
 * pre-flight and for a time that is no time; a scheduled campaign shows its time and cannot be
 * changed; when the clock reaches its time the server's own scheduler queues it and the workers
 * deliver it to the mail catcher.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:campaign-scheduling;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "mailwijs.scheduling.interval=100ms", "mailwijs.sending.workers=1"})
class CampaignSchedulingApiTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockInHand {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    MailCatcher catcher;

    @Autowired
    MutableClock clock;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aScheduledCampaignWaitsForItsTimeAndIsThenSentByTheServer() throws Exception {
        String write = tokens.create("marketing", TokenScope.WRITE);
        String read = tokens.create("viewer", TokenScope.READ);
        send("DELETE", "/api/v1/mail-catcher/messages", null, write);
        assertThat(send("PUT", "/api/v1/settings", """
                {"legalName": "Fotostudio Jansen B.V.", "kvkNumber": "12345678", "postalAddress": "Kerkstraat 1, 1234 AB Utrecht",
                 "country": "NL", "similarTopics": {"portrait-photography": ["photo-prints"]}}""", write).statusCode()).isEqualTo(200);
        String purchased = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusMonths(2).toString();
        for (String who : new String[] {"anna", "bob"}) {
            long contact = idOf(send("POST", "/api/v1/contacts", """
                    {"kind": "NATURAL_PERSON", "country": "NL", "name": "%s", "addresses": [{"channel": "EMAIL", "address": "%s@example.nl"}]}"""
                    .formatted(who, who), write).body());
            send("POST", "/api/v1/contacts/" + contact + "/evidence", """
                    {"kind": "PURCHASE", "id": "o-%s", "date": "%s", "categories": ["portrait-photography"],
                     "proof": "ORDER", "addressCollectedInSale": true, "objectionOffered": true}""".formatted(who, purchased), write);
        }
        String draft = """
                {"name": "Kerst", "purpose": "COMMERCIAL", "topics": ["photo-prints"], "fromAddress": "nieuws@fotostudio-jansen.nl",
                 "subject": "Kerstkaarten van uw portret", "body": "Bestel nu uw kerstkaarten."}""";
        long campaign = idOf(send("POST", "/api/v1/campaigns", draft, write).body());
        String path = "/api/v1/campaigns/" + campaign;
        Instant sendAt = clock.instant().plus(Duration.ofHours(3));
        String schedule = "{\"sendAt\": \"" + sendAt + "\"}";

        HttpResponse<String> noPreflight = send("POST", path + "/schedule", schedule, write);
        assertThat(noPreflight.statusCode()).isEqualTo(409);
        assertThat(noPreflight.body()).contains("has no pre-flight");
        assertThat(send("POST", path + "/preflight", null, write).body()).contains("\"allowed\":2", "\"contentPassed\":true");

        for (String[] bad : new String[][] {{"{\"sendAt\": \"morgen om negen\"}", "not an ISO-8601"},
                {"{\"sendAt\": \"2027-01-05T09:00:00\"}", "with a zone"}, {"{\"sendAt\": \"2027-01-05\"}", "is a date"},
                {"{}", "is required"}, {"{\"sendAt\": \"" + clock.instant().minusSeconds(60) + "\"}", "not in the future"}}) {
            HttpResponse<String> refused = send("POST", path + "/schedule", bad[0], write);
            assertThat(refused.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(refused.body()).as(bad[0]).contains("\"field\":\"sendAt\"", bad[1]);
        }
        assertThat(send("POST", path + "/schedule", schedule, read).statusCode()).as("read token").isEqualTo(403);

        HttpResponse<String> scheduled = send("POST", path + "/schedule", schedule, write);
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
        assertThat(scheduled.body()).contains("\"state\":\"SCHEDULED\"", "\"sendAt\":\"" + sendAt + "\"");
        assertThat(scheduled.body()).as("the pages' code of a voided schedule is not part of the API").contains("\"scheduleVoided\":")
                .doesNotContain("scheduleVoidedCode");
        HttpResponse<String> edit = send("PUT", path, draft, write);
        assertThat(edit.statusCode()).isEqualTo(409);
        assertThat(edit.body()).contains("unschedule it first");
        assertThat(send("POST", path + "/send", null, write).statusCode()).as("send now while scheduled").isEqualTo(409);

        assertThat(send("POST", path + "/unschedule", null, write).body()).contains("\"state\":\"DRAFT\"", "\"sendAt\":null");
        assertThat(send("POST", path + "/unschedule", null, write).statusCode()).isEqualTo(409);
        assertThat(send("POST", path + "/schedule", schedule, write).statusCode()).isEqualTo(200);

        Thread.sleep(500);
        assertThat(send("GET", path, null, read).body()).as("not yet its time").contains("\"state\":\"SCHEDULED\"");
        assertThat(catcher.list(0, 10).messages()).isEmpty();

        clock.advance(Duration.ofHours(3));
        String sent = waitForState(path, "SENT", read);
        assertThat(sent).contains("\"sendAt\":\"" + sendAt + "\"");
        assertThat(send("GET", path + "/progress", null, read).body()).contains("\"total\":2", "\"sent\":2");
        assertThat(catcher.list(0, 10).messages()).extracting(MailCatcher.Summary::to)
                .containsExactlyInAnyOrder("anna <anna@example.nl>", "bob <bob@example.nl>");
    }

    private String waitForState(String path, String state, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = send("GET", path, null, token).body();
            if (body.contains("\"state\":\"" + state + "\"")) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " did not reach " + state + " in 30 s: " + body);
    }

    private static long idOf(String json) {
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
