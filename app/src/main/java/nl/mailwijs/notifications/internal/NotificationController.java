package nl.mailwijs.notifications.internal;

import java.util.List;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.notifications.Notification;
import nl.mailwijs.notifications.Notifications;

/**
 * {@code GET /api/v1/notifications?state=&page=&size=} (read): the sender's notifications of
 * objections, newest first, with their state, attempts and last error. {@code GET
 * /api/v1/notifications/webhook-secret} (write scope: it is a key): what a webhook receiver checks
 * the {@code X-Mailwijs-Signature} with.
 */
@RestController
class NotificationController {

    private static final Set<String> STATES = Set.of("PENDING", "DELIVERED", "FAILED");

    private final Notifications notifications;
    private final NotificationProperties properties;

    NotificationController(Notifications notifications, NotificationProperties properties) {
        this.notifications = notifications;
        this.properties = properties;
    }

    record NotificationPage(List<Notification> notifications, int page, int size) {
    }

    @GetMapping("/api/v1/notifications")
    NotificationPage list(@RequestParam(name = "state", required = false) String state,
                          @RequestParam(name = "page", defaultValue = "0") int page,
                          @RequestParam(name = "size", defaultValue = "50") int size) {
        if (state != null && !STATES.contains(state)) {
            throw new InvalidRequestException("state", "'" + state + "' is not one of PENDING, DELIVERED, FAILED");
        }
        if (page < 0) {
            throw new InvalidRequestException("page", "must be 0 or more");
        }
        if (size < 1 || size > 500) {
            throw new InvalidRequestException("size", "must be 1 to 500");
        }
        return new NotificationPage(notifications.list(state, page, size), page, size);
    }

    /**
     * @param secret    the HMAC-SHA256 key, as configured, or base64 of the server's own (decode it to bytes)
     * @param encoding  "base64" or "text": how to turn the secret into key bytes
     */
    record WebhookSecret(String url, String secret, String encoding, String signatureHeader, String timestampHeader, String signs) {
    }

    @GetMapping("/api/v1/notifications/webhook-secret")
    WebhookSecret webhookSecret() {
        boolean configured = properties.webhook().secret() != null && !properties.webhook().secret().isEmpty();
        return new WebhookSecret(properties.webhook().url() == null ? null : properties.webhook().url().toString(),
                notifications.webhookSecretText(), configured ? "text" : "base64", WebhookNotifier.SIGNATURE, WebhookNotifier.TIMESTAMP,
                "sha256=hex(HMAC-SHA256(secret, timestamp + \".\" + body))");
    }
}
