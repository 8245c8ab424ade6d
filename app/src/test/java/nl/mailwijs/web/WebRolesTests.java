package nl.mailwijs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.NewContact;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.RecipientKind;

/**
 * An admin adds a marketer and a viewer on the users page; each then may do what the role allows,
 * in the pages and over the API with their login, and no more.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:web-roles;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "MAILWIJS_ADMIN_PASSWORD=" + WebRolesTests.PASSWORD, "mailwijs.sending.enabled=false"})
class WebRolesTests {

    static final String PASSWORD = "web-roles-password";

    @LocalServerPort
    int port;

    @Autowired
    Contacts contacts;

    @Test
    void aMarketerWorksWithContactsAndAViewerOnlyLooks() throws Exception {
        long contact = contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Anna", "r-1", null, null,
                java.util.List.of(new NewContact.NewAddress(Channel.EMAIL, "anna@example.nl")))).contact().id();
        WebSession admin = new WebSession(port).signIn("admin", PASSWORD);
        admin.get("/users");
        assertThat(admin.post("/users", Map.of("username", "marketeer", "password", "marketeer-password", "role", "MARKETER"))
                .statusCode()).isEqualTo(302);
        admin.post("/users", Map.of("username", "kijker", "password", "kijker-password-1", "role", "VIEWER"));
        admin.post("/users", Map.of("username", "kort", "password", "kort", "role", "VIEWER"));
        assertThat(admin.get("/users").body()).contains("marketeer", "kijker", "Marketeer", "Kijker",
                "Het wachtwoord moet minstens 12 tekens hebben.").doesNotContain(">kort<");

        WebSession marketer = new WebSession(port).signIn("marketeer", "marketeer-password");
        HttpResponse<String> page = marketer.get("/contacts/" + contact);
        assertThat(page.body()).contains("Bezwaar vastleggen").doesNotContain("href=\"/settings\"", "href=\"/users\"");
        assertThat(marketer.post("/contacts/" + contact + "/objections", Map.of("via", "PHONE")).statusCode()).isEqualTo(302);
        assertThat(marketer.get("/settings").statusCode()).isEqualTo(403);
        assertThat(marketer.get("/users").statusCode()).isEqualTo(403);
        assertThat(marketer.post("/users", Map.of("username", "ik", "password", "promote-myself-now", "role", "ADMIN")).statusCode())
                .isEqualTo(403);

        WebSession viewer = new WebSession(port).signIn("kijker", "kijker-password-1");
        HttpResponse<String> seen = viewer.get("/contacts/" + contact);
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.body()).contains("Anna").doesNotContain("Bezwaar vastleggen</button>");
        assertThat(viewer.post("/contacts/" + contact + "/objections", Map.of("via", "PHONE")).statusCode()).isEqualTo(403);
        assertThat(viewer.post("/campaigns", Map.of("name", "x")).statusCode()).isEqualTo(403);
        assertThat(viewer.get("/settings").statusCode()).isEqualTo(403);
        assertThat(viewer.get("/settings").body()).contains("U mag dit niet met dit account");

        // Over the API with the same logins: the viewer reads, the marketer writes, settings stay the admin's.
        assertThat(api("GET", "/api/v1/contacts", null, "kijker", "kijker-password-1")).isEqualTo(200);
        assertThat(api("POST", "/api/v1/contacts", "{}", "kijker", "kijker-password-1")).isEqualTo(403);
        assertThat(api("POST", "/api/v1/contacts", "{}", "marketeer", "marketeer-password")).as("past security: refused for content").isEqualTo(400);
        assertThat(api("PUT", "/api/v1/settings", "{}", "marketeer", "marketeer-password")).isEqualTo(403);
        assertThat(api("PUT", "/api/v1/settings", "{}", "admin", PASSWORD)).as("past security").isEqualTo(400);
    }

    private int api(String method, String path, String body, String user, String password) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + credentials).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
