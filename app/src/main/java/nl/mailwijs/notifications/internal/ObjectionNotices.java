package nl.mailwijs.notifications.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.evidence.ObjectionEvidence;
import nl.mailwijs.evidence.ObjectionRecorded;
import nl.mailwijs.notifications.NotificationSchedule;
import nl.mailwijs.notifications.NotificationTarget;
import nl.mailwijs.suppression.AddressObjectionRecorded;
import nl.mailwijs.suppression.Suppression;

/**
 * Writes a notification for every objection, for each configured target, inside the transaction
 * that records the objection (the listeners run synchronously, on the publisher's transaction):
 * the objection and its notifications commit together, so a crash never loses one, and a
 * notification never announces an objection that was rolled back.
 */
@Component
public class ObjectionNotices {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final NotificationProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();

    ObjectionNotices(JdbcClient jdbc, Clock clock, NotificationProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    @EventListener
    void objectionRecorded(ObjectionRecorded recorded) {
        ObjectionEvidence objection = recorded.objection();
        record(recorded.contactId(), recorded.recordId(), null, objection.via(), objection.allChannels(), objection.channels(),
                objection.topics(), objection.at());
    }

    @EventListener
    void addressObjectionRecorded(AddressObjectionRecorded recorded) {
        Suppression suppression = recorded.suppression();
        record(null, null, recorded.address(), suppression.via(), suppression.allChannels(), suppression.channels(), suppression.topics(),
                suppression.objectedAt());
    }

    private void record(Long contactId, Long recordId, String address, ObjectionRoute via, boolean allChannels, Set<Channel> channels,
                        List<String> topics, Instant objectedAt) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime dueAt = OffsetDateTime.ofInstant(dueAt(now), ZoneOffset.UTC);
        for (String to : properties.email().to()) {
            insert(NotificationTarget.EMAIL, to, contactId, recordId, address, via, allChannels, channels, topics, objectedAt, dueAt, now);
        }
        if (properties.webhook().url() != null) {
            insert(NotificationTarget.WEBHOOK, null, contactId, recordId, address, via, allChannels, channels, topics, objectedAt, dueAt, now);
        }
    }

    /** Now, or the next digest time. */
    Instant dueAt(Instant now) {
        if (properties.schedule() == NotificationSchedule.EVENT) {
            return now;
        }
        ZonedDateTime local = now.atZone(properties.zone());
        ZonedDateTime today = LocalDate.from(local).atTime(properties.dailyAt()).atZone(properties.zone());
        return (today.isAfter(local) ? today : today.plusDays(1)).toInstant();
    }

    private void insert(NotificationTarget target, String recipient, Long contactId, Long recordId, String address, ObjectionRoute via,
                        boolean allChannels, Set<Channel> channels, List<String> topics, Instant objectedAt, OffsetDateTime dueAt,
                        Instant now) {
        jdbc.sql(NotificationSql.INSERT)
                .param("target", target.name())
                .param("recipient", recipient)
                .param("contactId", contactId)
                .param("recordId", recordId)
                .param("address", address)
                .param("via", via == null ? null : via.name())
                .param("allChannels", allChannels)
                .param("channels", allChannels ? "" : channels.stream().sorted().map(Channel::name).collect(Collectors.joining(",")))
                .param("topics", json.writeValueAsString(topics))
                .param("objectedAt", OffsetDateTime.ofInstant(objectedAt, ZoneOffset.UTC))
                .param("dueAt", dueAt)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
    }
}
