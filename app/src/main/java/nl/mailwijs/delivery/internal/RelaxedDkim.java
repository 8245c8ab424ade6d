package nl.mailwijs.delivery.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6376 relaxed/relaxed canonicalisation over the bytes of a message as built, without parsing
 * it into a MimeMessage (which utils-mail-dkim did, and which cost more than the rest of sending).
 * The message must have CRLF line ends, as MessageBuilder writes them.
 */
public final class RelaxedDkim {

    /** One header field as it stands in the message: its name and the whole field, folds and all, without the final CRLF. */
    public record Field(String name, byte[] bytes, int start, int end) {
    }

    /** A message split at the empty line after its headers. */
    public record Parsed(List<Field> fields, int bodyStart) {

        /** The last field of that name (RFC 6376 5.4.2: signed bottom-up), or null. */
        public Field last(String name) {
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (fields.get(i).name().equalsIgnoreCase(name)) {
                    return fields.get(i);
                }
            }
            return null;
        }
    }

    private RelaxedDkim() {
    }

    public static Parsed parse(byte[] message) {
        List<Field> fields = new ArrayList<>(16);
        int i = 0;
        int n = message.length;
        while (i < n) {
            if (message[i] == '\r' && i + 1 < n && message[i + 1] == '\n') {
                return new Parsed(fields, i + 2);
            }
            int start = i;
            int colon = -1;
            int end;
            while (true) {
                while (i < n && message[i] != '\n') {
                    if (colon < 0 && message[i] == ':') {
                        colon = i;
                    }
                    i++;
                }
                end = i > start && message[i - 1] == '\r' ? i - 1 : i;
                i = Math.min(n, i + 1);
                // A line that starts with a blank continues the field (folding).
                if (i >= n || (message[i] != ' ' && message[i] != '\t')) {
                    break;
                }
            }
            if (colon > start) {
                String name = new String(message, start, colon - start, StandardCharsets.ISO_8859_1).strip();
                fields.add(new Field(name, message, start, end));
            }
        }
        return new Parsed(fields, n);
    }

    /**
     * RFC 6376 3.4.2: name in lower case, folds removed, every run of blanks one space, none at the
     * end of the value or around the colon; then CRLF unless {@code last} (the signature field
     * itself, signed without its line end).
     */
    public static void canonicalHeader(Field field, ByteArrayOutputStream out, boolean last) {
        byte[] b = field.bytes();
        int colon = field.start();
        while (b[colon] != ':') {
            colon++;
        }
        for (int i = field.start(); i < colon; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t') {
                out.write(c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
        }
        out.write(':');
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = colon + 1; i < field.end(); i++) {
            byte c = b[i];
            if (c == '\r' || c == '\n') {
                continue;
            }
            if (c == ' ' || c == '\t') {
                pendingSpace = started;
                continue;
            }
            if (pendingSpace) {
                out.write(' ');
                pendingSpace = false;
            }
            out.write(c);
            started = true;
        }
        if (!last) {
            out.write('\r');
            out.write('\n');
        }
    }

    /**
     * SHA-256 of the body in relaxed canonical form (RFC 6376 3.4.4): blanks at line ends removed,
     * runs of blanks one space, empty lines at the end removed, a non-empty body ending in CRLF.
     */
    public static byte[] bodyHash(byte[] message, int bodyStart) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] line = new byte[1024];
        int pendingEmptyLines = 0;
        int i = bodyStart;
        int n = message.length;
        while (i < n) {
            int length = 0;
            boolean blank = false;
            while (i < n && message[i] != '\n') {
                byte c = message[i++];
                if (c == '\r' && (i == n || message[i] == '\n')) {
                    continue;
                }
                if (c == ' ' || c == '\t') {
                    blank = true;
                    continue;
                }
                if (length + 2 > line.length) {
                    line = java.util.Arrays.copyOf(line, line.length * 2);
                }
                if (blank) {
                    // A run of blanks inside or at the start of a line is one space; at the end, none.
                    line[length++] = ' ';
                }
                blank = false;
                line[length++] = c;
            }
            i++;
            if (length == 0) {
                pendingEmptyLines++;
                continue;
            }
            for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                sha256.update(CRLF);
            }
            sha256.update(line, 0, length);
            sha256.update(CRLF);
        }
        return sha256.digest();
    }

    private static final byte[] CRLF = {'\r', '\n'};
}
