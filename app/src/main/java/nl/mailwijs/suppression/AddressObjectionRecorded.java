package nl.mailwijs.suppression;

import java.time.Instant;

import nl.mailwijs.engine.request.Channel;

/**
 * An objection was recorded for an address that no contact has (so it is not in the ledger, only
 * on the suppression list). Published inside the transaction that records it, like the ledger's
 * {@code ObjectionRecorded}, so the sender's notification is written with it.
 */
public record AddressObjectionRecorded(Suppression suppression, Channel channel, String address, Instant recordedAt) {
}
