package nl.mailwijs.inbox;

/** How a message reached the inbound mailbox. */
public enum InboundSource {
    /** Mailwijs' own SMTP listener. */
    SMTP,
    /** Fetched from a real mailbox over IMAP. */
    IMAP,
    /** Uploaded through {@code POST /api/v1/inbound} (a test, or forwarded by another system). */
    API
}
