package nl.mailwijs.delivery;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

import nl.mailwijs.delivery.internal.HeaderValues;
import nl.mailwijs.delivery.internal.MimeWriter;

/**
 * Builds the RFC 5322 message for one {@link OutgoingMessage}: multipart/alternative text and
 * HTML in UTF-8 (7bit when plain ASCII, else quoted-printable or base64, as Angus Mail picks; the
 * bytes are written directly, not through MimeMessage, which cost most of the CPU of a send), From with
 * its display name and Subject encoded per RFC 2047 when not ASCII, Date, a random Message-ID at
 * the sender's domain, {@code List-Id}, {@code List-Unsubscribe} with the HTTPS URL (and mailto when
 * given) and {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 2369, 2919, 8058).
 *
 * <p>Every value that becomes a header is checked first; a line break or other control character
 * anywhere throws {@link UnsafeHeaderException} naming the field, so no data can add a header.
 * Domains go on the wire as IDNA A-labels; a non-ASCII local part (which needs SMTPUTF8, RFC
 * 6531/6532) is refused, not sent. Thread-safe.
 */
public final class MessageBuilder {

    private static final HexFormat HEX = HexFormat.of();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile FormattedDate lastDate;

    public MessageBuilder(Clock clock) {
        this.clock = clock;
    }

    /**
     * @throws UnsafeHeaderException when a value would be unsafe or malformed in its header
     * @throws DeliveryException     not thrown any more (kept for callers that catch it)
     */
    public BuiltMessage build(OutgoingMessage message) {
        String fromAddress = HeaderValues.address("from.address", message.from().address());
        String fromName = displayName("from.displayName", message.from().displayName());
        String toAddress = HeaderValues.address("to.address", message.to().address());
        String toName = displayName("to.displayName", message.to().displayName());
        String subject = HeaderValues.text("subject", message.subject());
        boolean mailing = message.listId() != null;
        String listId = mailing ? HeaderValues.listId("listId", message.listId()) : null;
        // RFC 8058 asks for HTTPS; plain HTTP only to this machine, for the built-in mail catcher out of the box.
        String unsubscribeUrl = !mailing ? null : isLocal(message.unsubscribeUrl())
                ? HeaderValues.url("unsubscribeUrl", message.unsubscribeUrl(), "http://")
                : HeaderValues.url("unsubscribeUrl", message.unsubscribeUrl(), "https://");
        String unsubscribeMailto = message.unsubscribeMailto() == null ? null
                : HeaderValues.url("unsubscribeMailto", message.unsubscribeMailto(), "mailto:");
        String bounceToken = HeaderValues.token("bounceToken", message.bounceToken());

        String senderDomain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1);
        byte[] unique = new byte[16];
        random.nextBytes(unique);
        String messageId = "<" + HEX.formatHex(unique) + "@" + senderDomain + ">";
        String envelopeFrom = ReturnAddresses.bounce(bounceToken, senderDomain);

        byte[] boundary = null;
        MimeWriter.Body text = MimeWriter.body(message.text());
        MimeWriter.Body html = message.html() == null ? null : MimeWriter.body(message.html());
        if (html != null) {
            // "=_" never occurs in quoted-printable or base64; a 7bit part is checked.
            String candidate = "----=_Part_" + messageId.substring(1, 33);
            while (MimeWriter.contains(text, ascii(candidate)) || MimeWriter.contains(html, ascii(candidate))) {
                random.nextBytes(unique);
                candidate = "----=_Part_" + HEX.formatHex(unique);
            }
            boundary = ascii(candidate);
        }

        MimeWriter out = new MimeWriter(2048 + text.approximateSize() * 5 / 4 + (html == null ? 0 : html.approximateSize() * 5 / 4));
        out.header("Date", date());
        out.mailbox("From", fromName, fromAddress);
        out.mailbox("To", toName, toAddress);
        out.header("Message-ID", messageId);
        out.text("Subject", subject);
        out.header("MIME-Version", "1.0");
        if (html == null) {
            out.contentHeaders("text/plain", text);
        } else {
            out.ascii("Content-Type: multipart/alternative;").crlf().ascii("\tboundary=\"").raw(boundary).ascii("\"").crlf();
        }
        if (mailing) {
            out.header("List-Id", "<" + listId + ">");
            out.header("List-Unsubscribe", "<" + unsubscribeUrl + ">" + (unsubscribeMailto == null ? "" : ", <" + unsubscribeMailto + ">"));
            out.header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        out.endOfHeaders();
        if (html == null) {
            out.encoded(text);
        } else {
            out.ascii("--").raw(boundary).crlf().contentHeaders("text/plain", text).crlf().encoded(text).crlf();
            out.ascii("--").raw(boundary).crlf().contentHeaders("text/html", html).crlf().encoded(html).crlf();
            out.ascii("--").raw(boundary).ascii("--").crlf();
        }
        return new BuiltMessage(messageId, envelopeFrom, toAddress, out.toByteArray());
    }

    /** RFC 5322 date-time in the clock's zone; formatted once per second, not per message. */
    private String date() {
        Instant now = clock.instant();
        long second = now.getEpochSecond();
        FormattedDate last = lastDate;
        if (last == null || last.epochSecond() != second) {
            last = new FormattedDate(second, DATE.format(now.atZone(clock.getZone())));
            lastDate = last;
        }
        return last.text();
    }

    private record FormattedDate(long epochSecond, String text) {
    }

    private static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    private static String displayName(String field, String name) {
        // A blank name shows as nothing in every client; leaving it out says the same plainly.
        return name == null || HeaderValues.text(field, name).isBlank() ? null : name;
    }

    private static boolean isLocal(String url) {
        return url != null && (url.startsWith("http://localhost:") || url.startsWith("http://localhost/")
                || url.startsWith("http://127.0.0.1:") || url.startsWith("http://127.0.0.1/"));
    }
}
