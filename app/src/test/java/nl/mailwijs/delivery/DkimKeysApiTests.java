package nl.mailwijs.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import nl.mailwijs.MailwijsApplication;
import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;
import nl.mailwijs.testing.TestDatabase;

/**
 * DKIM keys through the API on a running server, on each database: a key pair made by the server
 * (RSA and Ed25519), activated, a campaign sent through the outbox into the mail catcher, and the
 * caught message verified by an independent implementation (dkimpy) against the DNS records the
 * API gave. The key file of mailwijs.delivery.dkim.key-file still signs the other From domains.
 */
class DkimKeysApiTests {

    private static final String KEYS = "/api/v1/settings/dkim-keys";

    @TempDir
    Path temporary;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private int port;

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void keysMadeThroughTheApiSignACampaignAndAnIndependentVerifierAcceptsBothSignatures(TestDatabase database) throws Exception {
        ExternalTools.requirePythonDkim();
        DkimKeys.Generated file = DkimKeys.rsa("oud-domein.nl", "file");
        Path keyFile = Files.writeString(temporary.resolve("dkim.pem"), file.privatePem());
        DriverManagerDataSource dataSource = (DriverManagerDataSource) database.fresh();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MailwijsApplication.class).run(
                "--spring.datasource.url=" + dataSource.getUrl(), "--spring.datasource.username=" + dataSource.getUsername(),
                "--spring.datasource.password=", "--server.port=0", "--mailwijs.delivery.mail-catcher.port=0",
                "--mailwijs.sending.workers=1", "--mailwijs.sending.batch-size=10", "--mailwijs.data-dir=" + temporary,
                "--mailwijs.delivery.dkim.key-file=" + keyFile, "--mailwijs.delivery.dkim.domain=oud-domein.nl",
                "--mailwijs.delivery.dkim.selector=file", "--logging.level.root=WARN", "--logging.level.nl.mailwijs=WARN")) {
            port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            ApiTokens tokens = context.getBean(ApiTokens.class);
            String write = tokens.create("marketing", TokenScope.WRITE);
            String read = tokens.create("viewer", TokenScope.READ);

            // Write scope for every change; a read token may look.
            String newKey = "{\"domain\": \"fotostudio-jansen.nl\", \"selector\": \"mw2026\"}";
            assertThat(send("POST", KEYS, newKey, null).statusCode()).isEqualTo(401);
            assertThat(send("POST", KEYS, newKey, read).statusCode()).isEqualTo(403);
            assertThat(send("GET", KEYS, null, read).statusCode()).isEqualTo(200);

            HttpResponse<String> created = send("POST", KEYS, newKey, write);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode rsa = json.readTree(created.body());
            assertThat(created.headers().firstValue("Location")).contains(KEYS + "/" + rsa.get("id").asLong());
            assertThat(rsa.get("algorithm").asString()).isEqualTo("rsa");
            assertThat(rsa.get("keyBits").asInt()).isEqualTo(2048);
            assertThat(rsa.get("active").asBoolean()).as("inactive until the record is published").isFalse();
            assertThat(rsa.at("/dnsRecord/name").asString()).isEqualTo("mw2026._domainkey.fotostudio-jansen.nl");
            assertThat(rsa.at("/dnsRecord/value").asString()).startsWith("v=DKIM1; k=rsa; p=MII");
            HttpResponse<String> activated = send("POST", KEYS + "/" + rsa.get("id").asLong() + "/activate", null, write);
            assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
            assertThat(json.readTree(activated.body()).at("/key/active").asBoolean()).isTrue();

            HttpResponse<String> createdEd = send("POST", KEYS, """
                    {"domain": "fotostudio-jansen.nl", "selector": "mw2026ed", "algorithm": "ed25519", "active": true}""", write);
            assertThat(createdEd.statusCode()).as(createdEd.body()).isEqualTo(201);
            JsonNode ed25519 = json.readTree(createdEd.body());
            assertThat(ed25519.get("active").asBoolean()).isTrue();
            assertThat(ed25519.at("/dnsRecord/value").asString()).matches("v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=");

            DkimKeys.Generated uploaded = DkimKeys.ed25519("bakkerij-visser.nl", "up1");
            HttpResponse<String> upload = send("POST", KEYS, json.writeValueAsString(Map.of("domain", "bakkerij-visser.nl", "selector", "up1",
                    "privateKeyPem", uploaded.privatePem())), write);
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
            assertThat(json.readTree(upload.body()).at("/dnsRecord/value").asString()).isEqualTo(uploaded.txtValue());

            // Bad input names the field; a taken selector is a conflict; an unknown number is not found.
            assertProblem(send("POST", KEYS, "{\"domain\": \"localhost\", \"selector\": \"s1\"}", write), 400, "domain");
            assertProblem(send("POST", KEYS, "{\"domain\": \"example.nl\", \"selector\": \"a b\"}", write), 400, "selector");
            assertProblem(send("POST", KEYS, "{\"domain\": \"example.nl\", \"selector\": \"s1\", \"algorithm\": \"dsa\"}", write), 400,
                    "algorithm");
            assertProblem(send("POST", KEYS, "{\"domain\": \"example.nl\", \"selector\": \"s1\", \"privateKeyPem\": \"x\"}", write), 400,
                    "privateKeyPem");
            assertProblem(send("POST", KEYS, "{\"domain\": \"example.nl\", \"selector\": \"s1\", \"privateKey\": \"x\"}", write), 400,
                    "privateKey");
            assertProblem(send("POST", KEYS, newKey, write), 409, "selector");
            assertThat(send("POST", KEYS + "/999999/activate", null, write).statusCode()).isEqualTo(404);
            assertThat(send("GET", KEYS + "/999999", null, read).statusCode()).isEqualTo(404);

            // The list never shows a private key, in any form.
            String listed = send("GET", KEYS, null, read).body();
            assertThat(json.readTree(listed)).hasSize(3);
            assertThat(listed).doesNotContainIgnoringCase("private").doesNotContain("sealed").doesNotContain("v1:");

            // A campaign from the signed domain, through the outbox into the mail catcher.
            send("DELETE", "/api/v1/mail-catcher/messages", null, write);
            assertThat(send("PUT", "/api/v1/settings", """
                    {"legalName": "Fotostudio Jansen B.V.", "kvkNumber": "12345678", "postalAddress": "Kerkstraat 1, 1234 AB Utrecht",
                     "country": "NL", "objectionAddress": "privacy@fotostudio-jansen.nl"}""", write).statusCode()).isEqualTo(200);
            customer("k-1", "Anna de Vries", "anna@example.nl", write);
            HttpResponse<String> campaign = send("POST", "/api/v1/campaigns", """
                    {"name": "Afdrukken", "purpose": "COMMERCIAL", "topics": ["photo-prints"], "fromAddress": "nieuws@fotostudio-jansen.nl",
                     "fromName": "Fotostudio Jansen", "subject": "Uw foto's als afdruk", "body": "Beste klant,\\n\\nDeze maand korting."}""",
                    write);
            assertThat(campaign.statusCode()).as(campaign.body()).isEqualTo(201);
            long campaignId = json.readTree(campaign.body()).get("id").asLong();
            assertThat(send("POST", "/api/v1/campaigns/" + campaignId + "/preflight", null, write).statusCode()).isEqualTo(200);
            assertThat(send("POST", "/api/v1/campaigns/" + campaignId + "/send", null, write).statusCode()).isEqualTo(202);
            waitForSent(campaignId, read);

            MailCatcher catcher = context.getBean(MailCatcher.class);
            List<MailCatcher.Summary> caught = catcher.list(0, 10).messages();
            assertThat(caught).hasSize(1);
            byte[] raw = catcher.get(caught.getFirst().id()).orElseThrow().raw().getBytes(StandardCharsets.UTF_8);
            Map<String, String> records = new LinkedHashMap<>();
            records.put(rsa.at("/dnsRecord/name").asString(), rsa.at("/dnsRecord/value").asString());
            records.put(ed25519.at("/dnsRecord/name").asString(), ed25519.at("/dnsRecord/value").asString());
            DkimSigningTests.Verification verification = DkimSigningTests.verify(raw, records);
            assertThat(verification.exitCode()).as(verification.output()).isZero();
            assertThat(verification.output()).contains("pass rsa-sha256 fotostudio-jansen.nl", "pass ed25519-sha256 fotostudio-jansen.nl")
                    .doesNotContain("oud-domein.nl");
            String signed = verification.output().toLowerCase(java.util.Locale.ROOT);
            for (String header : List.of("from", "to", "subject", "date", "message-id", "list-id", "list-unsubscribe", "list-unsubscribe-post")) {
                assertThat(signed).contains(header);
            }

            assertThat(context.getBeansOfType(nl.mailwijs.platform.StartupReportLine.class).values())
                    .filteredOn(line -> line.label().equals("dkim:")).singleElement()
                    .satisfies(line -> assertThat(line.text(port))
                            .isEqualTo("signing fotostudio-jansen.nl (ed25519 + rsa); other domains with the key file for oud-domein.nl"));

            // The key file signs the domains without stored keys; deactivated keys stop signing at once.
            DkimKeyring keyring = context.getBean(DkimKeyring.class);
            assertThat(keyring.signingFor("info@bakkerij-visser.nl").keys()).as("an inactive upload").extracting(DkimKey::domain)
                    .containsExactly("oud-domein.nl");
            assertThat(send("POST", KEYS + "/" + rsa.get("id").asLong() + "/deactivate", null, write).statusCode()).isEqualTo(200);
            assertThat(keyring.signingFor("nieuws@fotostudio-jansen.nl").keys()).extracting(DkimKey::selector).containsExactly("mw2026ed");
            assertThat(send("DELETE", KEYS + "/" + ed25519.get("id").asLong(), null, write).statusCode()).isEqualTo(204);
            assertThat(send("DELETE", KEYS + "/" + ed25519.get("id").asLong(), null, write).statusCode()).isEqualTo(404);
            assertThat(keyring.signingFor("nieuws@fotostudio-jansen.nl").keys()).extracting(DkimKey::domain).containsExactly("oud-domein.nl");
        }
    }

    private void assertProblem(HttpResponse<String> response, int status, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(json.readTree(response.body()).get("field").asString()).as(response.body()).isEqualTo(field);
    }

    private void customer(String externalId, String name, String address, String token) throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/contacts", """
                {"kind": "NATURAL_PERSON", "country": "NL", "name": "%s", "externalId": "%s",
                 "addresses": [{"channel": "EMAIL", "address": "%s"}]}""".formatted(name, externalId, address), token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();
        HttpResponse<String> purchase = send("POST", "/api/v1/contacts/" + id + "/evidence", """
                {"kind": "PURCHASE", "id": "o-%s", "date": "%s", "categories": ["photo-prints"],
                 "proof": "ORDER", "addressCollectedInSale": true, "objectionOffered": true}"""
                .formatted(externalId, LocalDate.now(ZoneOffset.UTC).minusMonths(2)), token);
        assertThat(purchase.statusCode()).as(purchase.body()).isBetween(200, 201);
    }

    private void waitForSent(long campaign, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = send("GET", "/api/v1/campaigns/" + campaign + "/progress", null, token).body();
            if (body.contains("\"state\":\"SENT\"")) {
                assertThat(body).contains("\"sent\":1");
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("campaign " + campaign + " was not sent in 60 s: " + body);
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
