package nl.mailwijs.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ObjectionRoute;

/**
 * One notification of one objection to one target, as stored.
 *
 * @param recipient        the e-mail address it goes to (EMAIL), or null (WEBHOOK)
 * @param contactId        the contact who objected, or null for an objection by an address no contact has
 * @param evidenceRecordId the objection's ledger record, or null (address only)
 * @param address          the address objected for, when no contact has it; else null
 * @param state            PENDING, DELIVERED or FAILED
 * @param dueAt            when it is (next) tried; a digest's time in DAILY
 */
public record Notification(long id, NotificationTarget target, String recipient, Long contactId, Long evidenceRecordId, String address,
                           ObjectionRoute via, boolean allChannels, Set<Channel> channels, List<String> topics, Instant objectedAt,
                           String state, int attempts, Instant dueAt, String lastError, Instant deliveredAt, Instant createdAt) {

    public Notification {
        channels = Set.copyOf(channels);
        topics = List.copyOf(topics);
    }
}
