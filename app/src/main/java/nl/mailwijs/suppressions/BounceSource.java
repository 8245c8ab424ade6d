package nl.mailwijs.suppressions;

/** Where Mailwijs learnt of a bounce. */
public enum BounceSource {
    /** A report that came back to the inbound mailbox: a DSN (RFC 3464) or a bounce in text. */
    REPORT,
    /** The recipient's server's reply while sending (a 5xx, or 4xx until the outbox gave up). */
    SMTP_REPLY
}
