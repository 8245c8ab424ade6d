package nl.mailwijs.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.ContactAddress;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.delivery.BuiltMessage;
import nl.mailwijs.delivery.Mailbox;
import nl.mailwijs.delivery.MessageBuilder;
import nl.mailwijs.delivery.OutgoingMessage;
import nl.mailwijs.delivery.SendResult;
import nl.mailwijs.delivery.SendStatus;
import nl.mailwijs.delivery.SmtpSender;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.notifications.internal.NotificationProperties;
import nl.mailwijs.notifications.internal.NotificationSql;
import nl.mailwijs.notifications.internal.NotificationTexts;
import nl.mailwijs.notifications.internal.WebhookNotifier;
import nl.mailwijs.platform.ServerSecrets;

/**
 * Delivers the sender's notifications of objections: claims what is due per target and
 * recipient, sends it (one message per objection, or one digest for all that are due), and
 * records the outcome. A failed delivery is tried again after a back-off that doubles from 30
 * seconds up to an hour; after {@code mailwijs.notifications.max-attempts} it is marked FAILED and
 * stays listed ({@code GET /api/v1/notifications?state=FAILED}).
 *
 * <p>Claiming moves a row's due time forward by a lease, so several processes on one database
 * share the work and a process that dies mid-delivery leaves its rows to be tried again. So a
 * notification is delivered at least once; rarely twice (its id tells the receiver).
 */
@Service
public class Notifications {

    static final String WEBHOOK_SECRET = "notification-webhook";
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LAST_RETRY = Duration.ofHours(1);
    /** Objections per claim: a digest of more is sent as several messages. */
    static final int CLAIM = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final NotificationProperties properties;
    private final Contacts contacts;
    private final MessageBuilder builder;
    private final SmtpSender smtp;
    private final ServerSecrets secrets;
    private final NotificationTexts texts;
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile WebhookNotifier webhook;

    public Notifications(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, NotificationProperties properties,
                         Contacts contacts, MessageBuilder builder, SmtpSender smtp, ServerSecrets secrets) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.properties = properties;
        this.contacts = contacts;
        this.builder = builder;
        this.smtp = smtp;
        this.secrets = secrets;
        this.texts = new NotificationTexts(properties.email().language(), properties.zone());
    }

    /** The key of the webhook's signature: {@code webhook.secret} when set, else the server secret made for it. */
    public byte[] webhookSecret() {
        String configured = properties.webhook().secret();
        return configured != null && !configured.isEmpty() ? configured.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : secrets.secret(WEBHOOK_SECRET);
    }

    /** The server-made secret as base64 (what a receiver is configured with), or the configured one as text. */
    public String webhookSecretText() {
        String configured = properties.webhook().secret();
        return configured != null && !configured.isEmpty() ? configured : Base64.getEncoder().encodeToString(secrets.secret(WEBHOOK_SECRET));
    }

    /**
     * Delivers everything due now.
     *
     * @return how many notifications were delivered
     */
    public int deliverDue() {
        return deliverDue(clock.instant());
    }

    int deliverDue(Instant now) {
        int delivered = 0;
        List<String[]> due = jdbc.sql(NotificationSql.DUE_RECIPIENTS).param("now", at(now))
                .query((row, n) -> new String[] {row.getString("target"), row.getString("recipient")}).list();
        for (String[] recipient : due) {
            NotificationTarget target = NotificationTarget.valueOf(recipient[0]);
            // Bounded: each round delivers or postpones what it claimed, so a recipient's due rows run out.
            for (int round = 0; round < 100; round++) {
                List<Notification> claimed = claim(target, recipient[1], now);
                if (claimed.isEmpty()) {
                    break;
                }
                delivered += deliver(target, recipient[1], claimed, now);
                if (claimed.size() < CLAIM) {
                    break;
                }
            }
        }
        return delivered;
    }

    private List<Notification> claim(NotificationTarget target, String recipient, Instant now) {
        return transaction.execute(status -> {
            List<Long> ids = jdbc.sql(NotificationSql.CLAIMABLE).param("now", at(now)).param("target", target.name())
                    .param("recipient", recipient).param("limit", CLAIM).query(Long.class).list();
            if (ids.isEmpty()) {
                return List.of();
            }
            jdbc.sql(NotificationSql.LEASE).param("lease", at(now.plus(LEASE))).param("ids", ids).update();
            return jdbc.sql(NotificationSql.BY_IDS).param("ids", ids).query(this::notification).list();
        });
    }

    private int deliver(NotificationTarget target, String recipient, List<Notification> claimed, Instant now) {
        List<Notice> notices = resolve(claimed);
        List<List<Notice>> messages = properties.schedule() == NotificationSchedule.DAILY ? List.of(notices)
                : notices.stream().map(List::of).toList();
        int delivered = 0;
        for (List<Notice> message : messages) {
            String problem;
            try {
                problem = target == NotificationTarget.EMAIL ? mail(recipient, message, now) : webhook().deliver(message, now);
            } catch (RuntimeException e) {
                problem = "not sent: " + e.getMessage();
            }
            List<Long> ids = message.stream().map(notice -> notice.notification().id()).toList();
            if (problem == null) {
                jdbc.sql(NotificationSql.DELIVERED).param("now", at(clock.instant())).param("ids", ids).update();
                delivered += ids.size();
            } else {
                int attempts = message.getFirst().notification().attempts() + 1;
                jdbc.sql(NotificationSql.ATTEMPT_FAILED)
                        .param("error", problem.length() <= 1_000 ? problem : problem.substring(0, 1_000))
                        .param("retryAt", at(now.plus(backOff(attempts))))
                        .param("maxAttempts", properties.maxAttempts())
                        .param("ids", ids)
                        .update();
            }
        }
        return delivered;
    }

    /** 30 s, 1 min, 2 min, ... up to an hour. */
    static Duration backOff(int attempts) {
        Duration delay = FIRST_RETRY;
        for (int i = 1; i < attempts && delay.compareTo(LAST_RETRY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(LAST_RETRY) < 0 ? delay : LAST_RETRY;
    }

    private String mail(String to, List<Notice> notices, Instant now) {
        BuiltMessage message = builder.build(OutgoingMessage.single(new Mailbox(properties.email().from(), "Mailwijs"), new Mailbox(to, null),
                texts.subject(notices, now), texts.text(notices), null, "n" + notices.getFirst().notification().id()));
        SendResult result = smtp.send(message);
        return result.status() == SendStatus.SENT ? null : result.status() + " " + result.replyCode() + " " + result.replyText();
    }

    private WebhookNotifier webhook() {
        WebhookNotifier made = webhook;
        if (made == null) {
            made = new WebhookNotifier(properties.webhook(), webhookSecret());
            webhook = made;
        }
        return made;
    }

    /** Who objected, as known now. */
    private List<Notice> resolve(List<Notification> notifications) {
        Map<Long, Contact> people = contacts.byIds(notifications.stream().map(Notification::contactId).filter(java.util.Objects::nonNull)
                .toList());
        List<Notice> notices = new ArrayList<>(notifications.size());
        for (Notification n : notifications) {
            if (n.contactId() == null) {
                notices.add(new Notice(n, null, List.of(n.address()), false));
                continue;
            }
            Contact contact = people.get(n.contactId());
            notices.add(contact == null ? new Notice(n, null, List.of(), true)
                    : new Notice(n, contact.name(), contact.addresses().stream().map(ContactAddress::address).toList(), false));
        }
        return notices;
    }

    /**
     * Every notification about these contacts' objections or about an objection for this address
     * (which no contact had), oldest first: what a dossier of the address lists.
     */
    public List<Notification> about(java.util.Collection<Long> contactIds, String address) {
        List<Long> contacts = contactIds.isEmpty() ? List.of(-1L) : List.copyOf(contactIds);
        return jdbc.sql(NotificationSql.ABOUT).param("contacts", contacts).param("address", address == null ? "" : address)
                .query(this::notification).list();
    }

    /** The latest notifications, newest first, optionally of one state. */
    public List<Notification> list(String state, int page, int size) {
        return jdbc.sql(NotificationSql.PAGE).param("anyState", state == null).param("state", state == null ? "" : state)
                .param("limit", size).param("offset", (long) page * size).query(this::notification).list();
    }

    private Notification notification(ResultSet row, int n) throws SQLException {
        String channels = row.getString("channels");
        Set<Channel> named = EnumSet.noneOf(Channel.class);
        if (!channels.isEmpty()) {
            Arrays.stream(channels.split(",")).map(Channel::valueOf).forEach(named::add);
        }
        String via = row.getString("via");
        return new Notification(row.getLong("id"), NotificationTarget.valueOf(row.getString("target")), row.getString("recipient"),
                nullableLong(row, "contact_id"), nullableLong(row, "evidence_record_id"), row.getString("address"),
                via == null ? null : ObjectionRoute.valueOf(via), row.getBoolean("all_channels"), named,
                List.of(json.readValue(row.getString("topics"), String[].class)), instant(row, "objected_at"), row.getString("state"),
                row.getInt("attempts"), instant(row, "due_at"), row.getString("last_error"), instant(row, "delivered_at"),
                instant(row, "created_at"));
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
