package nl.mailwijs.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.mailwijs.delivery.MailCatcher;
import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;

/**
 * The whole way round, over real sockets: a campaign goes to the mail catcher with its return path
 * and mailto in every message; reports built from the corpus with the real tokens come back to the
 * SMTP listener from Angus Mail; the hard bounce suppresses the address, the complaint and the mail
 * to the unsubscribe address are objections, and the next campaign's pre-flight and send act on
 * all of it. Then the API: the inbound list, lifting a suppression, uploading a message.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:inbound-end-to-end;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "mailwijs.inbound.smtp.enabled=true", "mailwijs.inbound.smtp.port=0", "mailwijs.inbound.smtp.hostname=inbound.test",
        "mailwijs.sending.workers=1", "mailwijs.sending.batch-size=10"})
class InboundEndToEndTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    MailCatcher catcher;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void bouncesComplaintsAndMailtoUnsubscribesComeBackThroughTheListenerAndTheNextCampaignHonoursThem() throws Exception {
        String write = tokens.create("marketing", TokenScope.WRITE);
        String read = tokens.create("viewer", TokenScope.READ);
        send("DELETE", "/api/v1/mail-catcher/messages", null, write);
        assertThat(send("PUT", "/api/v1/settings", """
                {"legalName": "Fotostudio Jansen B.V.", "tradeName": "Fotostudio Jansen", "kvkNumber": "12345678",
                 "postalAddress": "Kerkstraat 1, 1234 AB Utrecht", "country": "NL", "objectionAddress": "privacy@fotostudio-jansen.nl"}""",
                write).statusCode()).isEqualTo(200);
        String recently = LocalDate.now(ZoneOffset.UTC).minusMonths(2).toString();
        long anna = customer("k-1", "Anna de Vries", "anna@example.nl", write, recently);
        long jan = customer("k-2", "Jan Jansen", "jan.jansen@example.com", write, recently);
        long piet = customer("k-3", "Piet Bakker", "piet@example.nl", write, recently);
        long zoe = customer("k-4", "Zoë Ruïz", "zoe@example.nl", write, recently);

        long first = campaign(write);
        assertThat(send("POST", "/api/v1/campaigns/" + first + "/preflight", null, write).body()).contains("\"allowed\":4", "\"suppressed\":0");
        assertThat(send("POST", "/api/v1/campaigns/" + first + "/send", null, write).statusCode()).isEqualTo(202);
        waitForState(first, "SENT", read);

        Map<String, String> tokenOf = new HashMap<>();
        for (MailCatcher.Summary caught : catcher.list(0, 10).messages()) {
            MailCatcher.Details details = catcher.get(caught.id()).orElseThrow();
            Matcher link = Pattern.compile("/u/([A-Za-z0-9_-]{43})>, <mailto:bounce\\+unsubscribe\\.\\1@fotostudio-jansen\\.nl\\?subject=unsubscribe>")
                    .matcher(details.raw().replaceAll("\r\n\\s+", " "));
            assertThat(link.find()).as("List-Unsubscribe with the one-click URL and the mailto of the same token: " + details.raw()).isTrue();
            assertThat(details.envelopeFrom()).isEqualTo("bounce+" + link.group(1) + "@fotostudio-jansen.nl");
            tokenOf.put(details.recipient(), link.group(1));
        }
        assertThat(tokenOf).containsOnlyKeys("anna@example.nl", "jan.jansen@example.com", "piet@example.nl", "zoe@example.nl");

        int listener = smtpPort(read);
        String janToken = tokenOf.get("jan.jansen@example.com");
        deliver(listener, "<>", "bounce+" + janToken + "@fotostudio-jansen.nl", InboxFixture.sample("dsn-postfix-user-unknown", janToken));
        String annaToken = tokenOf.get("anna@example.nl");
        deliver(listener, "<>", "fbl@fotostudio-jansen.nl", InboxFixture.sample("arf-yahoo-abuse-redacted", annaToken));
        deliver(listener, "piet@example.nl", "bounce+unsubscribe." + tokenOf.get("piet@example.nl") + "@fotostudio-jansen.nl",
                "From: Piet Bakker <piet@example.nl>\r\nTo: bounce+unsubscribe@fotostudio-jansen.nl\r\nSubject: unsubscribe\r\n\r\nunsubscribe\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
        deliver(listener, "<>", "bounce@fotostudio-jansen.nl", InboxFixture.resource("/inbound/malformed-binary-junk.eml"));
        String inbound = waitForProcessed(4, read);
        assertThat(inbound).contains("\"kind\":\"DSN\"", "\"outcome\":\"ADDRESS_SUPPRESSED\"", "\"kind\":\"ARF\"",
                "\"kind\":\"UNSUBSCRIBE_REQUEST\"", "\"outcome\":\"OBJECTION_RECORDED\"", "\"malformed\":true", "\"source\":\"SMTP\"",
                "\"report\":{\"file\":");

        String suppressions = send("GET", "/api/v1/suppressions?address=Jan.Jansen@example.com", null, read).body();
        assertThat(suppressions).contains("\"total\":1", "\"reason\":\"HARD_BOUNCE\"", "\"status\":\"5.1.1\"");
        assertThat(send("GET", "/api/v1/contacts/" + anna, null, read).body()).contains("\"verdict\":\"DENY\"", "\"denial\":\"OBJECTED\"",
                "\"via\":\"COMPLAINT\"", "Feedback-Type: abuse");
        assertThat(send("GET", "/api/v1/contacts/" + piet, null, read).body()).contains("\"verdict\":\"DENY\"", "\"denial\":\"OBJECTED\"");
        assertThat(send("GET", "/api/v1/contacts/" + jan, null, read).body()).as("a bounce is not the person's objection")
                .contains("\"verdict\":\"ALLOW\"");

        send("DELETE", "/api/v1/mail-catcher/messages", null, write);
        long second = campaign(write);
        String preflight = send("POST", "/api/v1/campaigns/" + second + "/preflight", null, write).body();
        assertThat(preflight).contains("\"allowed\":2", "\"denied\":2", "\"OBJECTED\":2", "\"suppressed\":1", "\"HARD_BOUNCE\":1",
                "\"verdict\":\"EXCLUDED\"", "\"basisOrDenial\":\"ADDRESS_SUPPRESSED\"", "Adres onderdrukt sinds", "5.1.1");
        assertThat(send("POST", "/api/v1/campaigns/" + second + "/send", null, write).statusCode()).isEqualTo(202);
        assertThat(waitForState(second, "SENT", read)).contains("\"sent\":1", "\"stopped\":1");
        assertThat(send("GET", "/api/v1/campaigns/" + second + "/outbox?state=STOPPED", null, read).body())
                .contains("\"contactId\":" + jan, "address suppressed since", "HARD_BOUNCE 5.1.1");
        assertThat(catcher.list(0, 10).messages()).extracting(MailCatcher.Summary::to).containsExactly("Zoë Ruïz <zoe@example.nl>");
        assertThat(zoe).isPositive();

        long suppression = firstId(suppressions);
        assertThat(send("DELETE", "/api/v1/suppressions/" + suppression, null, read).statusCode()).isEqualTo(403);
        HttpResponse<String> lifted = send("DELETE", "/api/v1/suppressions/" + suppression + "?note=mailbox%20fixed", null, write);
        assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(200);
        assertThat(lifted.body()).contains("\"liftedAt\":\"", "\"liftNote\":\"mailbox fixed\"");
        assertThat(send("DELETE", "/api/v1/suppressions/" + suppression, null, write).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/suppressions", null, read).body()).contains("\"total\":0");
        assertThat(send("GET", "/api/v1/suppressions?lifted=true", null, read).body()).contains("\"total\":1");
        assertThat(send("GET", "/api/v1/suppressions/999999", null, read).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/bounces?address=jan.jansen@example.com", null, read).body()).contains("\"kind\":\"HARD\"",
                "\"source\":\"REPORT\"");
        assertThat(send("GET", "/api/v1/suppressions?address=not-an-address", null, read).body()).contains("address");
    }

    @Test
    void aRawMessageCanBeUploadedAndEveryEndpointNeedsItsLogin() throws Exception {
        String write = tokens.create("forwarder", TokenScope.WRITE);
        String read = tokens.create("viewer", TokenScope.READ);
        HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/inbound"))
                .header("Authorization", "Bearer " + write).header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofByteArray(InboxFixture.resource("/inbound/qmail-user-unknown.eml"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.body()).contains("\"source\":\"API\"", "\"kind\":\"BOUNCE_OTHER\"", "\"outcome\":\"UNMATCHED\"");
        long id = firstId(uploaded.body());
        HttpResponse<String> raw = send("GET", "/api/v1/inbound/" + id + "/raw", null, read);
        assertThat(raw.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("message/rfc822"));
        assertThat(raw.body()).isEqualTo(new String(InboxFixture.resource("/inbound/qmail-user-unknown.eml"), StandardCharsets.UTF_8));
        assertThat(send("GET", "/api/v1/inbound?outcome=UNMATCHED&kind=BOUNCE_OTHER", null, read).body()).contains("\"id\":" + id);
        assertThat(send("GET", "/api/v1/inbound?outcome=NOPE", null, read).body()).contains("outcome", "ADDRESS_SUPPRESSED");
        assertThat(send("POST", "/api/v1/inbound/" + id + "/process", null, write).statusCode()).as("only a failed one").isEqualTo(400);
        assertThat(send("GET", "/api/v1/inbound/999999", null, read).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/inbound", "", write).body()).contains("body");
        assertThat(send("GET", "/api/v1/inbound/status", null, read).body()).contains("\"smtp\":{\"enabled\":true", "\"bindAddress\":\"127.0.0.1\"",
                "\"imap\":{\"enabled\":false");

        for (String[] call : List.of(new String[] {"GET", "/api/v1/inbound"}, new String[] {"POST", "/api/v1/inbound"},
                new String[] {"GET", "/api/v1/suppressions"}, new String[] {"DELETE", "/api/v1/suppressions/1"},
                new String[] {"GET", "/api/v1/bounces"}, new String[] {"POST", "/api/v1/inbound/1/process"})) {
            assertThat(send(call[0], call[1], "x", null).statusCode()).as(call[0] + " " + call[1]).isEqualTo(401);
            if (!call[0].equals("GET")) {
                assertThat(send(call[0], call[1], "x", read).statusCode()).as("read token: " + call[0] + " " + call[1]).isEqualTo(403);
            }
        }
    }

    private long campaign(String token) throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/campaigns", """
                {"name": "Afdrukken", "purpose": "COMMERCIAL", "topics": ["portrait-photography"],
                 "fromAddress": "nieuws@fotostudio-jansen.nl", "fromName": "Fotostudio Jansen",
                 "subject": "Uw foto's als afdruk", "body": "Deze maand 20% korting op afdrukken."}""", token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return firstId(created.body());
    }

    private static void deliver(int port, String envelopeFrom, String recipient, byte[] raw) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.from", envelopeFrom);
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress(recipient)});
        }
    }

    private int smtpPort(String token) throws Exception {
        Matcher port = Pattern.compile("\"smtp\":\\{\"enabled\":true,\"bindAddress\":\"127.0.0.1\",\"port\":(\\d+)")
                .matcher(send("GET", "/api/v1/inbound/status", null, token).body());
        assertThat(port.find()).isTrue();
        return Integer.parseInt(port.group(1));
    }

    private String waitForProcessed(int count, String token) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = send("GET", "/api/v1/inbound", null, token).body();
            // The other test uploads through the API; these came by SMTP.
            if (body.split("\"source\":\"SMTP\"", -1).length - 1 == count && !body.contains("\"outcome\":\"PENDING\"")) {
                return body;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not " + count + " processed messages within " + WAIT + ": " + body);
    }

    private long customer(String externalId, String name, String address, String token, String purchased) throws Exception {
        long id = firstId(send("POST", "/api/v1/contacts", """
                {"kind": "NATURAL_PERSON", "country": "NL", "name": "%s", "externalId": "%s",
                 "addresses": [{"channel": "EMAIL", "address": "%s"}]}""".formatted(name, externalId, address), token).body());
        send("POST", "/api/v1/contacts/" + id + "/evidence", """
                {"kind": "PURCHASE", "id": "o-%s", "date": "%s", "categories": ["portrait-photography"],
                 "proof": "ORDER", "addressCollectedInSale": true, "objectionOffered": true}""".formatted(externalId, purchased), token);
        return id;
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
