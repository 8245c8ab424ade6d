package nl.mailwijs.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;

import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.notifications.Notice;
import nl.mailwijs.notifications.Notification;
import nl.mailwijs.notifications.NotificationTarget;

/** The notification e-mail's words: Dutch by default, English on request, the same keys in both. */
class NotificationTextsTests {

    private static Properties bundle(String language) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = NotificationTextsTests.class.getResourceAsStream("/nl/mailwijs/notifications/internal/texts_" + language + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndEveryRouteAndChannelHasWords() throws IOException {
        Properties nl = bundle("nl");
        Properties en = bundle("en");

        assertThat(en.stringPropertyNames()).isEqualTo(nl.stringPropertyNames());
        for (ObjectionRoute route : ObjectionRoute.values()) {
            assertThat(nl.getProperty("route." + route.name())).as(route.name()).isNotBlank();
        }
        for (Channel channel : Channel.values()) {
            assertThat(nl.getProperty("channel." + channel.name())).as(channel.name()).isNotBlank();
        }
    }

    @Test
    void oneObjectionReadsAsASentenceInTheSendersTimeZone() {
        Notification objection = new Notification(1, NotificationTarget.EMAIL, "privacy@example.nl", 7L, 9L, null, ObjectionRoute.PHONE, false,
                Set.of(Channel.SMS, Channel.EMAIL), List.of("photo-prints"), Instant.parse("2026-06-30T22:15:00Z"), "PENDING", 0,
                Instant.parse("2026-07-01T00:00:00Z"), null, null, Instant.parse("2026-07-01T00:00:00Z"));
        Notice notice = new Notice(objection, "Anna de Vries", List.of("anna@example.nl"), false);
        ZoneId amsterdam = ZoneId.of("Europe/Amsterdam");

        NotificationTexts dutch = new NotificationTexts("nl", amsterdam);
        assertThat(dutch.subject(List.of(notice), Instant.now())).isEqualTo("Bezwaar ontvangen: Anna de Vries <anna@example.nl> (contact 7)");
        assertThat(dutch.text(List.of(notice))).startsWith("Er is een bezwaar tegen berichten vastgelegd.")
                .contains("- Anna de Vries <anna@example.nl> (contact 7): bezwaar via telefoon op 1-7-2026 00:15, voor e-mail, sms, "
                        + "onderwerpen: photo-prints.");
        assertThat(new NotificationTexts("EN", amsterdam).text(List.of(notice)))
                .contains("- Anna de Vries <anna@example.nl> (contact 7): objected by phone on 2026-07-01 00:15, to e-mail, SMS, topics: photo-prints.");
        assertThat(new NotificationTexts("fr", amsterdam).text(List.of(new Notice(objection, null, List.of(), true))))
                .as("Dutch unless English is asked for").contains("contact 7 (inmiddels gewist): bezwaar via telefoon");
    }
}
