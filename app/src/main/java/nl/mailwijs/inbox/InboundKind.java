package nl.mailwijs.inbox;

/** What an inbound message turned out to be. */
public enum InboundKind {
    /** A delivery status notification (RFC 3464). */
    DSN,
    /** A feedback report (RFC 5965): a complaint. */
    ARF,
    /** A bounce recognised from its text (qmail, Exim, Exchange, ...). */
    BOUNCE_OTHER,
    /** Mail to a message's {@code List-Unsubscribe} mailto address. */
    UNSUBSCRIBE_REQUEST,
    /** An out-of-office or other automatic reply: never a bounce. */
    AUTO_REPLY,
    /** None of these: a person writing back, or something unreadable. */
    NOT_A_REPORT
}
