package nl.mailwijs.inbound;

/**
 * One recipient a report says something went wrong for.
 *
 * @param address    exactly as it occurs in the report (never normalised, never guessed)
 * @param permanent  {@code true} when the report says delivery will not succeed (a 5.x.x status, a
 *                   5xx reply, or wording such as "user unknown"); {@code false} when it is delayed,
 *                   temporary (4.x.x, 4xx, "mailbox full", "try again later") or not clear. In a
 *                   feedback report: {@code true} for a complaint (abuse, fraud, virus)
 * @param status     the enhanced status code (RFC 3463) such as {@code 5.1.1}, or {@code null} when
 *                   the report gives none
 * @param diagnostic the reason in the report's words (one line, at most 500 characters), or {@code null}
 */
public record FailedRecipient(String address, boolean permanent, String status, String diagnostic) {
}
