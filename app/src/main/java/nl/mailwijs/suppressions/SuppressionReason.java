package nl.mailwijs.suppressions;

/** Why an address is suppressed. */
public enum SuppressionReason {
    /** A report that came back (a DSN or a bounce in text) said delivery to it failed for good. */
    HARD_BOUNCE,
    /** Its mail server answered 5xx for it while Mailwijs was sending. */
    REJECTED_AT_SEND,
    /** It bounced softly (or its messages were refused) {@code mailwijs.bounces.soft-limit} times within the window. */
    SOFT_BOUNCES
}
