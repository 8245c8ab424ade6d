package nl.mailwijs.notifications.internal;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import nl.mailwijs.notifications.NotificationSchedule;

/**
 * {@code mailwijs.notifications.*}: how the sender hears of objections. Nothing is sent until
 * {@code email.to} or {@code webhook.url} is set; with both, both are used.
 *
 * @param schedule     EVENT (one message per objection) or DAILY (a digest at {@code dailyAt} in {@code zone})
 * @param pollInterval how often the worker looks for due notifications
 * @param maxAttempts  deliveries tried before a notification is marked FAILED (it stays listed)
 * @param worker       false: no worker in this process (another process on the database delivers)
 */
@ConfigurationProperties("mailwijs.notifications")
public record NotificationProperties(@DefaultValue("EVENT") NotificationSchedule schedule,
                                     @DefaultValue("08:00") LocalTime dailyAt,
                                     @DefaultValue("Europe/Amsterdam") ZoneId zone,
                                     @DefaultValue Email email,
                                     @DefaultValue Webhook webhook,
                                     @DefaultValue("5s") Duration pollInterval,
                                     @DefaultValue("50") int maxAttempts,
                                     @DefaultValue("true") boolean worker) {

    /**
     * @param to       the addresses to notify (each gets its own message)
     * @param from     the From of the notification; the default (.invalid, RFC 2606) only suits the mail catcher: set an
     *                 address of your own domain when a real relay is configured
     * @param language nl (default) or en
     */
    public record Email(List<String> to, @DefaultValue("mailwijs@mailwijs.invalid") String from, @DefaultValue("nl") String language) {

        public Email {
            to = to == null ? List.of() : to.stream().map(String::strip).filter(address -> !address.isEmpty()).toList();
        }
    }

    /**
     * @param url     where to POST; http(s)
     * @param secret  the HMAC key of the signature; empty: the server secret 'notification-webhook',
     *                which GET /api/v1/notifications/webhook-secret shows (write scope)
     * @param timeout for connecting and for the answer
     */
    public record Webhook(URI url, String secret, @DefaultValue("10s") Duration timeout) {
    }
}
