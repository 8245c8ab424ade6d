package nl.mailwijs.notifications;

import static nl.mailwijs.testing.Api.idOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.mailwijs.delivery.MailCatcher;
import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;
import nl.mailwijs.testing.Api;

/** The daily digest: objections wait for the digest time, then go out as one e-mail listing them all. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:notification-digest;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "mailwijs.notifications.worker=false", "mailwijs.notifications.schedule=DAILY", "mailwijs.notifications.daily-at=07:30",
        "mailwijs.notifications.email.to=privacy@fotostudio-jansen.nl,eigenaar@fotostudio-jansen.nl",
        "mailwijs.notifications.email.language=en"})
class NotificationDigestTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    Notifications notifications;

    @Autowired
    MailCatcher catcher;

    @Test
    void objectionsWaitForTheDigestTimeAndGoOutAsOneMessagePerRecipient() throws Exception {
        Api api = new Api(port);
        String write = tokens.create("privacy officer", TokenScope.WRITE);
        api.send("PUT", "/api/v1/settings", Api.SETTINGS, write);
        catcher.clear();
        for (String name : List.of("Anna", "Piet")) {
            long id = idOf(api.send("POST", "/api/v1/contacts", """
                    {"kind": "NATURAL_PERSON", "country": "NL", "name": "%s", "addresses": [{"channel": "EMAIL", "address": "%s@digest.example.nl"}]}"""
                    .formatted(name, name.toLowerCase()), write).body());
            api.send("POST", "/api/v1/contacts/" + id + "/objections", "{\"route\": \"LETTER\"}", write);
        }
        api.send("POST", "/api/v1/objections", "{\"address\": \"onbekend@digest.example.nl\", \"route\": \"PHONE\"}", write);
        Instant now = Instant.now();

        ZonedDateTime amsterdam = now.atZone(ZoneId.of("Europe/Amsterdam"));
        ZonedDateTime today = amsterdam.with(LocalTime.of(7, 30)).withSecond(0).withNano(0);
        Instant digestAt = (today.isAfter(amsterdam) ? today : today.plusDays(1)).toInstant();
        assertThat(notifications.list("PENDING", 0, 10)).hasSize(6).allSatisfy(n -> assertThat(n.dueAt()).isEqualTo(digestAt));
        assertThat(notifications.deliverDue(now)).isZero();
        assertThat(catcher.list(0, 10).messages()).isEmpty();

        assertThat(notifications.deliverDue(digestAt)).as("%s", notifications.list(null, 0, 10)).isEqualTo(6);

        List<MailCatcher.Summary> mails = catcher.list(0, 10).messages();
        assertThat(mails).extracting(MailCatcher.Summary::to)
                .containsExactlyInAnyOrder("privacy@fotostudio-jansen.nl", "eigenaar@fotostudio-jansen.nl");
        assertThat(mails).allSatisfy(mail -> assertThat(mail.subject()).startsWith("Objections and unsubscribes: 3 (summary of "));
        String text = catcher.get(mails.getFirst().id()).orElseThrow().text();
        assertThat(text).contains("These objections and unsubscribes were recorded.", "Anna <anna@digest.example.nl>", "objected by letter",
                "Piet <piet@digest.example.nl>", "onbekend@digest.example.nl (no contact; the address is on the suppression list): objected by phone");
        assertThat(notifications.list("PENDING", 0, 10)).isEmpty();
    }
}
