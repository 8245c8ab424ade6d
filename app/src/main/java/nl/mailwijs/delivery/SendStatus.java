package nl.mailwijs.delivery;

/** What became of one message at the relay. */
public enum SendStatus {
    /** The relay accepted it (2xx after DATA). Acceptance by the relay, not delivery to the mailbox. */
    SENT,
    /** Try again later: a 4xx reply, no connection, a dropped connection or a timeout. */
    DEFERRED,
    /** The relay refused it for good (5xx), e.g. an unknown recipient: do not retry. */
    FAILED
}
