package nl.mailwijs.inbound;

/** What an inbound message turned out to be. */
public enum ReportKind {
    /** A delivery status notification: multipart/report; report-type=delivery-status (RFC 3464). */
    DSN,
    /** A feedback report, i.e. a complaint: multipart/report; report-type=feedback-report (RFC 5965). */
    ARF,
    /** A bounce recognised from its text (qmail, Exim, Postfix without DSN, Exchange, sendmail, ...). */
    BOUNCE_OTHER,
    /** None of these: an auto-reply, a person writing back, or something unreadable. */
    NOT_A_REPORT
}
