package nl.mailwijs.campaigns;

/**
 * A claimed outbox row: one message to one recipient.
 *
 * @param key      the recipient's random key; the unsubscribe and bounce token is made from it
 * @param attempts attempts so far, this one included
 * @param batchId  the claimed batch it came with; null for a deferred row claimed for a retry
 */
public record OutboxRow(long id, long campaignId, long contactId, String address, String key, int attempts, Long batchId) {
}
