package nl.mailwijs.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;

/** The server as started: no relay configured, so the sender delivers into the mail catcher. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties =
        "spring.datasource.url=jdbc:h2:mem:mail-catcher-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class MailCatcherApiTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    MessageBuilder builder;

    @Autowired
    SmtpSender sender;

    @Autowired
    MailCatcher catcher;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void whatTheSenderSendsIsCaughtAndReadableThroughTheApi() throws Exception {
        String read = tokens.create("viewer", TokenScope.READ);
        String write = tokens.create("shop", TokenScope.WRITE);
        assertThat(catcher.running()).isTrue();
        send(write, "DELETE", "/api/v1/mail-catcher/messages");

        SendResult result = sender.send(builder.build(MessageBuilderTests.message()));
        assertThat(result.status()).as(result.toString()).isEqualTo(SendStatus.SENT);
        assertThat(result.relay()).isEqualTo("127.0.0.1:" + catcher.port());

        HttpResponse<String> list = send(read, "GET", "/api/v1/mail-catcher/messages?page=0&size=10");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"total\":1", "\"subject\":\"Uw foto's, nu ook als afdruk\"",
                "\"to\":\"Jeroen van 't Hek <jeroen+nieuwsbrief@voorbeeld.nl>\"", "\"size\":");
        long id = catcher.list(0, 1).messages().getFirst().id();

        HttpResponse<String> one = send(read, "GET", "/api/v1/mail-catcher/messages/" + id);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains("\"name\":\"List-Unsubscribe-Post\"", "\"value\":\"List-Unsubscribe=One-Click\"",
                "\"text\":\"Beste Jeroen,", "\"html\":\"<p>Beste Jeroen,</p>", "\"raw\":\"", "\"envelopeFrom\":\"bounce+tok-42@fotostudio-jansen.nl\"");

        assertThat(send(read, "GET", "/api/v1/mail-catcher/messages/999999").statusCode()).isEqualTo(404);
        assertThat(send(read, "GET", "/api/v1/mail-catcher/messages?colour=red").body()).contains("\"field\":\"colour\"");

        assertThat(send(read, "DELETE", "/api/v1/mail-catcher/messages").statusCode()).isEqualTo(403);
        HttpResponse<String> cleared = send(write, "DELETE", "/api/v1/mail-catcher/messages");
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(cleared.body()).isEqualTo("{\"deleted\":1}");
        assertThat(send(read, "GET", "/api/v1/mail-catcher/messages").body()).contains("\"total\":0");
    }

    @Test
    void withoutALoginTheCatcherAnswers401() throws Exception {
        for (String method : new String[] {"GET", "DELETE"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/mail-catcher/messages"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(401);
        }
    }

    private HttpResponse<String> send(String token, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
