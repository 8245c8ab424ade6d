package nl.mailwijs.inbound.internal;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed MIME entity: the message itself, a part of a multipart, or a message embedded in a
 * message/rfc822 part. Built by {@link MimeReader}, which never throws: whatever it could not
 * read is in the {@link Problems} it was given, and the entity holds what it could.
 */
public final class MimeEntity {

    private final List<Header> headers;
    private final String type;
    private final Map<String, String> parameters;
    private final byte[] source;
    private final int bodyStart;
    private final int bodyEnd;
    private final List<MimeEntity> parts = new ArrayList<>();
    private MimeEntity embedded;
    private final Problems problems;

    MimeEntity(List<Header> headers, String type, Map<String, String> parameters, byte[] source, int bodyStart, int bodyEnd,
               Problems problems) {
        this.headers = headers;
        this.type = type;
        this.parameters = parameters;
        this.source = source;
        this.bodyStart = bodyStart;
        this.bodyEnd = bodyEnd;
        this.problems = problems;
    }

    public List<Header> headers() {
        return headers;
    }

    /** The first value of a header field (case-insensitive name), or null. */
    public String header(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    public List<String> headers(String name) {
        List<String> values = new ArrayList<>();
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                values.add(header.value());
            }
        }
        return values;
    }

    /** Lower-case {@code type/subtype}; {@code text/plain} when absent or unreadable (RFC 2045 5.2). */
    public String type() {
        return type;
    }

    /** A Content-Type parameter (lower-case name), or null. */
    public String parameter(String name) {
        return parameters.get(name);
    }

    public List<MimeEntity> parts() {
        return parts;
    }

    void addPart(MimeEntity part) {
        parts.add(part);
    }

    /** The message inside a message/rfc822 (or text/rfc822-headers) entity, or null. */
    public MimeEntity embedded() {
        return embedded;
    }

    void embed(MimeEntity message) {
        this.embedded = message;
    }

    /** The body after undoing its Content-Transfer-Encoding. */
    public byte[] decodedBody() {
        String encoding = header("Content-Transfer-Encoding");
        String name = encoding == null ? "7bit" : encoding.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "base64" -> TransferEncodings.base64(source, bodyStart, bodyEnd, problems);
            case "quoted-printable" -> TransferEncodings.quotedPrintable(source, bodyStart, bodyEnd);
            case "7bit", "8bit", "binary", "" -> rawBody();
            default -> {
                problems.add("unknown Content-Transfer-Encoding '" + Texts.shorten(encoding, 40) + "'; read as is");
                yield rawBody();
            }
        };
    }

    byte[] rawBody() {
        byte[] body = new byte[bodyEnd - bodyStart];
        System.arraycopy(source, bodyStart, body, 0, body.length);
        return body;
    }

    /** The body as text in its declared charset; UTF-8 when none is declared or the declared one is unknown. */
    public String text() {
        return decode(decodedBody(), parameter("charset"), problems);
    }

    static String decode(byte[] bytes, String charsetName, Problems problems) {
        Charset charset = StandardCharsets.UTF_8;
        if (charsetName != null && !charsetName.isBlank()) {
            try {
                charset = Charset.forName(charsetName.trim());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                problems.add("unknown charset '" + Texts.shorten(charsetName, 40) + "'; read as UTF-8");
            }
        }
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            // REPLACE never throws this; a decoder that does anyway gets the forgiving fallback.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
