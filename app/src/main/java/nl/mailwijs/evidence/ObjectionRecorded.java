package nl.mailwijs.evidence;

import java.time.Instant;

/**
 * An objection was appended to the ledger, by whatever route (unsubscribe link, one-click, mailto,
 * staff, complaint). Published inside the transaction that appends it, so a listener that writes
 * (the sender's notification) commits or rolls back with the objection itself. Imports publish
 * none: they bring the sender's own records, which the sender knows already.
 */
public record ObjectionRecorded(long recordId, long contactId, Instant recordedAt, ObjectionEvidence objection) {
}
