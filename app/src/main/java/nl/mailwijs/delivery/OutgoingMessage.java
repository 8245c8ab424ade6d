package nl.mailwijs.delivery;

import java.util.Objects;

/**
 * One message for one recipient, before it becomes MIME. Every message is addressed to exactly
 * one person because its unsubscribe URL and envelope sender carry that person's tokens.
 *
 * @param from             the sender as the recipient sees it; its domain is also the Message-ID's
 *                         and the envelope sender's domain
 * @param to               the one recipient
 * @param subject          any Unicode; encoded per RFC 2047 when not ASCII
 * @param text             the text/plain alternative (required: some clients and filters read only it)
 * @param html             the text/html alternative, or {@code null} for a text-only message
 * @param listId           RFC 2919 list id, a dot-atom such as {@code nieuwsbrief.fotostudio-jansen.nl}; null
 *                         (with unsubscribeUrl) for a message that is not part of a mailing, such as a
 *                         notification to the sender's own staff: it then has no List-* headers
 * @param unsubscribeUrl   the {@code https://} one-click URL (RFC 8058 requires HTTPS); it receives
 *                         {@code POST List-Unsubscribe=One-Click}; null only with listId
 * @param unsubscribeMailto a {@code mailto:} address for clients that do not do one-click, or {@code null}
 * @param bounceToken      the per-message token in the envelope sender {@code bounce+TOKEN@domain},
 *                         so a bounce names the message it is about; letters, digits, {@code -} and
 *                         {@code _}, at most 64
 */
public record OutgoingMessage(Mailbox from, Mailbox to, String subject, String text, String html, String listId,
                              String unsubscribeUrl, String unsubscribeMailto, String bounceToken) {

    /** A message to one person outside any mailing (a notification to the sender's staff): no List-* headers. */
    public static OutgoingMessage single(Mailbox from, Mailbox to, String subject, String text, String html, String bounceToken) {
        return new OutgoingMessage(from, to, subject, text, html, null, null, null, bounceToken);
    }

    public OutgoingMessage {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        if ((listId == null) != (unsubscribeUrl == null)) {
            // A mailing always has both; only a message outside any mailing has neither.
            Objects.requireNonNull(listId, "listId");
            Objects.requireNonNull(unsubscribeUrl, "unsubscribeUrl");
        }
        Objects.requireNonNull(bounceToken, "bounceToken");
    }
}
