package nl.mailwijs.notifications.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.notifications.Notice;
import nl.mailwijs.notifications.Notification;

/**
 * POSTs notifications as JSON to the sender's webhook:
 *
 * <pre>
 * X-Mailwijs-Event: objections
 * X-Mailwijs-Timestamp: 1764000000                  (Unix seconds)
 * X-Mailwijs-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))
 *
 * {"event":"objections","sentAt":"...","notifications":[{"id":12,"objectedAt":"...","via":"PHONE",
 *   "channels":["ALL"],"topics":[],"contactId":5,"evidenceRecordId":9,"name":"...","addresses":["..."],"erased":false}]}
 * </pre>
 *
 * The receiver recomputes the signature over the raw body with the shared secret, compares in
 * constant time, and refuses an old timestamp (a replay). A 2xx answer is delivery; anything
 * else, a timeout or no connection is tried again later. Notification ids let a receiver drop a
 * rare repeat (a delivery whose answer was lost is sent again).
 */
public final class WebhookNotifier {

    public static final String SIGNATURE = "X-Mailwijs-Signature";
    public static final String TIMESTAMP = "X-Mailwijs-Timestamp";

    private final HttpClient http;
    private final NotificationProperties.Webhook settings;
    private final byte[] secret;
    private final JsonMapper json = JsonMapper.builder().build();

    public WebhookNotifier(NotificationProperties.Webhook settings, byte[] secret) {
        this.settings = settings;
        this.secret = secret.clone();
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @return null when delivered, else what went wrong */
    public String deliver(List<Notice> notices, Instant now) {
        String body = body(notices, now);
        String timestamp = String.valueOf(now.getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Mailwijs")
                .header("X-Mailwijs-Event", "objections")
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, "sha256=" + sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return null;
            }
            String answer = response.body() == null ? "" : response.body().strip();
            return "webhook answered " + response.statusCode() + (answer.isEmpty() ? "" : ": " + clip(answer));
        } catch (IOException e) {
            return "webhook not reached: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while calling the webhook";
        }
    }

    /** hex(HMAC-SHA256(secret, timestamp + "." + body)): what the receiver recomputes. */
    public static String sign(byte[] secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }

    String body(List<Notice> notices, Instant now) {
        List<Map<String, Object>> items = new ArrayList<>(notices.size());
        for (Notice notice : notices) {
            Notification n = notice.notification();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", n.id());
            item.put("objectedAt", n.objectedAt().toString());
            item.put("via", n.via() == null ? null : n.via().name());
            item.put("channels", n.allChannels() ? List.of("ALL") : n.channels().stream().sorted().map(Channel::name).toList());
            item.put("topics", n.topics());
            item.put("contactId", n.contactId());
            item.put("evidenceRecordId", n.evidenceRecordId());
            item.put("name", notice.name());
            item.put("addresses", notice.addresses());
            item.put("erased", notice.erased());
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "objections");
        body.put("sentAt", now.toString());
        body.put("notifications", items);
        return json.writeValueAsString(body);
    }

    private static String clip(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", " ");
        return printable.length() <= 300 ? printable : printable.substring(0, 300);
    }
}
