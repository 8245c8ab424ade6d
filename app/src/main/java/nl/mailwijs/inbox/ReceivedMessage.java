package nl.mailwijs.inbox;

import java.util.List;
import java.util.Objects;

/**
 * One message as it arrived, for {@link InboundMailbox#receive(ReceivedMessage)}.
 *
 * @param raw          the RFC 5322 bytes, at most {@code mailwijs.inbound.max-message-size}
 * @param sizeBytes    how many bytes arrived (more than {@code raw} holds when it was truncated)
 * @param truncated    true when only the first part was kept
 * @param sourceDetail who delivered it (the SMTP client's address and greeting, the IMAP mailbox, the API login)
 * @param dedupeKey    a key that is the same each time the same message is fetched (IMAP), or null
 * @param envelopeFrom the SMTP MAIL FROM ({@code ""} for the null sender of a bounce), or null when unknown (IMAP, API)
 * @param envelopeTo   the SMTP RCPT TO addresses; empty when unknown
 */
public record ReceivedMessage(byte[] raw, long sizeBytes, boolean truncated, InboundSource source, String sourceDetail, String dedupeKey,
                              String envelopeFrom, List<String> envelopeTo) {

    public ReceivedMessage {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(source, "source");
        envelopeTo = envelopeTo == null ? List.of() : List.copyOf(envelopeTo);
    }

    /** A whole message with no envelope, e.g. an upload. */
    public static ReceivedMessage of(byte[] raw, InboundSource source, String sourceDetail) {
        return new ReceivedMessage(raw, raw.length, false, source, sourceDetail, null, null, List.of());
    }
}
