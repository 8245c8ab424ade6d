package nl.mailwijs.inbox;

/** What was done about an inbound message. */
public enum InboundOutcome {
    /** Stored, not processed yet. */
    PENDING,
    /** A hard bounce (or the soft bounce that reached the limit): the address is suppressed. */
    ADDRESS_SUPPRESSED,
    /** A soft bounce: counted towards the limit. */
    SOFT_BOUNCE_COUNTED,
    /** A complaint or an unsubscribe request: an objection of the person is in the ledger. */
    OBJECTION_RECORDED,
    /** Nothing to do: an auto-reply, a report of delivery, a "not spam" report, a person writing. */
    NO_ACTION,
    /** A report or request without a valid token: which message it is about is unknown, so nothing was done. Kept for a person. */
    UNMATCHED,
    /** Processing went wrong; kept, flagged, and processed again by {@code POST /api/v1/inbound/{id}/process}. */
    FAILED
}
