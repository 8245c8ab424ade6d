package nl.mailwijs.inbound.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A forgiving MIME reader for reports. Jakarta Mail is not used here: it throws on the broken
 * multiparts and unknown charsets that bounces of broken messages contain, and this reader must
 * return what it could read, with the problems named, for any bytes at all.
 */
public final class MimeReader {

    /** Deeper nesting than this is not a report any provider sends; it is a message built to hurt. */
    private static final int MAX_DEPTH = 8;
    private static final int MAX_ENTITIES = 500;
    private static final int MAX_HEADERS = 2_000;

    private final Problems problems;
    private int entities;

    public MimeReader(Problems problems) {
        this.problems = problems;
    }

    public MimeEntity read(byte[] source) {
        return read(source, 0, source.length, 0, false);
    }

    private MimeEntity read(byte[] source, int start, int end, int depth, boolean headersOnly) {
        entities++;
        List<Header> headers = new ArrayList<>();
        int body = readHeaders(source, start, end, headers, headersOnly, depth == 0);
        String contentType = first(headers, "Content-Type");
        Map<String, String> parameters = new HashMap<>();
        String type = contentType(contentType, parameters);
        MimeEntity entity = new MimeEntity(headers, type, parameters, source, body, end, problems);
        if (depth >= MAX_DEPTH || entities >= MAX_ENTITIES) {
            problems.add("MIME nested deeper than " + MAX_DEPTH + " levels or more than " + MAX_ENTITIES + " parts; the rest was not read");
            return entity;
        }
        if (type.startsWith("multipart/")) {
            readParts(entity, source, body, end, depth);
        } else if (type.equals("message/rfc822") || type.equals("message/global")) {
            byte[] inner = isIdentity(entity) ? source : entity.decodedBody();
            entity.embed(inner == source ? read(source, body, end, depth + 1, false) : read(inner, 0, inner.length, depth + 1, false));
        } else if (type.equals("text/rfc822-headers") || type.equals("message/global-headers")) {
            byte[] inner = isIdentity(entity) ? source : entity.decodedBody();
            entity.embed(inner == source ? read(source, body, end, depth + 1, true) : read(inner, 0, inner.length, depth + 1, true));
        }
        return entity;
    }

    private static boolean isIdentity(MimeEntity entity) {
        String encoding = entity.header("Content-Transfer-Encoding");
        return encoding == null || !(encoding.trim().equalsIgnoreCase("base64") || encoding.trim().equalsIgnoreCase("quoted-printable"));
    }

    /** Reads header lines into {@code headers}; returns where the body starts. */
    private int readHeaders(byte[] source, int start, int end, List<Header> headers, boolean headersOnly, boolean top) {
        int position = start;
        String name = null;
        StringBuilder value = null;
        boolean first = true;
        while (position < end) {
            int lineEnd = lineEnd(source, position, end);
            int next = nextLine(source, lineEnd, end);
            int contentEnd = lineEnd > position && source[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd == position) {
                flush(headers, name, value);
                return next;
            }
            byte b = source[position];
            if ((b == ' ' || b == '\t') && name != null) {
                value.append(' ').append(string(source, position, contentEnd).strip());
            } else {
                int colon = headerNameEnd(source, position, contentEnd);
                if (colon < 0) {
                    if (first && top && startsWith(source, position, contentEnd, "From ")) {
                        // An mbox separator line in front of the message: not part of it.
                        position = next;
                        first = false;
                        continue;
                    }
                    flush(headers, name, value);
                    if (!headersOnly && top) {
                        problems.add(headers.isEmpty() ? "does not start with a header field" : "header ends without a blank line");
                    } else if (!headersOnly && !headers.isEmpty()) {
                        problems.add("a MIME part has no blank line after its header fields");
                    }
                    return position;
                }
                flush(headers, name, value);
                if (headers.size() >= MAX_HEADERS) {
                    problems.add("more than " + MAX_HEADERS + " header fields; the rest was not read");
                    return position;
                }
                name = string(source, position, colon);
                value = new StringBuilder(string(source, colon + 1, contentEnd).strip());
            }
            first = false;
            position = next;
        }
        flush(headers, name, value);
        if (!headersOnly && top) {
            problems.add("no body: the message ends inside its header (truncated?)");
        }
        return end;
    }

    private static void flush(List<Header> headers, String name, StringBuilder value) {
        if (name != null) {
            headers.add(new Header(name, value.toString().strip()));
        }
    }

    /** Index of the colon ending a valid field name (printable ASCII, no space), or -1. */
    private static int headerNameEnd(byte[] source, int start, int end) {
        for (int i = start; i < end; i++) {
            int c = source[i] & 0xFF;
            if (c == ':') {
                return i > start ? i : -1;
            }
            if (c <= 32 || c >= 127) {
                return -1;
            }
        }
        return -1;
    }

    private void readParts(MimeEntity entity, byte[] source, int start, int end, int depth) {
        String boundary = entity.parameter("boundary");
        if (boundary == null || boundary.isEmpty()) {
            problems.add(entity.type() + " without a boundary parameter; its body was read as text");
            return;
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int partStart = -1;
        boolean closed = false;
        int position = start;
        while (position < end) {
            int lineEnd = lineEnd(source, position, end);
            int next = nextLine(source, lineEnd, end);
            if (startsWith(source, position, lineEnd, delimiter)) {
                int after = position + delimiter.length;
                boolean close = after + 1 < lineEnd && source[after] == '-' && source[after + 1] == '-';
                int rest = close ? after + 2 : after;
                if (blank(source, rest, lineEnd)) {
                    if (partStart >= 0) {
                        entity.addPart(read(source, partStart, bodyEndBefore(source, partStart, position), depth + 1, false));
                        if (entities >= MAX_ENTITIES) {
                            problems.add("more than " + MAX_ENTITIES + " MIME parts; the rest was not read");
                            return;
                        }
                    }
                    if (close) {
                        closed = true;
                        break;
                    }
                    partStart = next;
                }
            }
            position = next;
        }
        if (partStart < 0 && !closed) {
            problems.add("the boundary of " + entity.type() + " never occurs in its body; the body was read as text");
            return;
        }
        if (!closed) {
            problems.add(entity.type() + " is not closed by its final boundary (truncated?)");
            if (partStart < end) {
                entity.addPart(read(source, partStart, end, depth + 1, false));
            }
        }
    }

    /** A part's body ends before the line break that precedes the next delimiter (RFC 2046 5.1.1). */
    private static int bodyEndBefore(byte[] source, int partStart, int delimiterLine) {
        int endOfPart = delimiterLine;
        if (endOfPart > partStart && source[endOfPart - 1] == '\n') {
            endOfPart--;
            if (endOfPart > partStart && source[endOfPart - 1] == '\r') {
                endOfPart--;
            }
        }
        return endOfPart;
    }

    private static boolean blank(byte[] source, int start, int end) {
        for (int i = start; i < end; i++) {
            if (source[i] != ' ' && source[i] != '\t' && source[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private String contentType(String value, Map<String, String> parameters) {
        if (value == null) {
            return "text/plain";
        }
        List<String> pieces = splitParameters(value);
        String type = pieces.getFirst().trim().toLowerCase(Locale.ROOT);
        for (String piece : pieces.subList(1, pieces.size())) {
            int equals = piece.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = piece.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String parameter = piece.substring(equals + 1).trim();
            if (parameter.length() >= 2 && parameter.startsWith("\"") && parameter.endsWith("\"")) {
                parameter = parameter.substring(1, parameter.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            parameters.putIfAbsent(name, parameter);
        }
        int slash = type.indexOf('/');
        if (slash <= 0 || slash == type.length() - 1 || type.indexOf(' ') >= 0) {
            problems.add("Content-Type '" + Texts.shorten(value, 60) + "' is not type/subtype; read as text/plain");
            return "text/plain";
        }
        return type;
    }

    /** Splits at semicolons outside quoted strings. */
    private static List<String> splitParameters(String value) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && quoted && i + 1 < value.length()) {
                piece.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                pieces.add(piece.toString());
                piece.setLength(0);
            } else {
                piece.append(c);
            }
        }
        pieces.add(piece.toString());
        return pieces;
    }

    private static String first(List<Header> headers, String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    /** Header bytes: UTF-8 where valid (RFC 6532), else ISO-8859-1 so no byte is lost. */
    private static String string(byte[] source, int start, int end) {
        boolean ascii = true;
        for (int i = start; i < end && ascii; i++) {
            ascii = source[i] >= 0;
        }
        if (ascii) {
            return new String(source, start, end - start, StandardCharsets.ISO_8859_1);
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(source, start, end - start)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(source, start, end - start, StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean startsWith(byte[] source, int start, int end, String prefix) {
        return startsWith(source, start, end, prefix.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean startsWith(byte[] source, int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (source[start + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The index of the LF ending the line at {@code start}, or {@code end}. */
    static int lineEnd(byte[] source, int start, int end) {
        for (int i = start; i < end; i++) {
            if (source[i] == '\n') {
                return i;
            }
        }
        return end;
    }

    private static int nextLine(byte[] source, int lineEnd, int end) {
        return lineEnd < end ? lineEnd + 1 : end;
    }
}
