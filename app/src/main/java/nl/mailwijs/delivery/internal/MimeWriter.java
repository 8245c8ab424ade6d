package nl.mailwijs.delivery.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Writes RFC 5322 / MIME bytes directly: header lines folded at 78 where the value allows it and
 * never past 998, RFC 2047 encoded words (Q, UTF-8, at most 75 characters, never splitting a
 * character), and text bodies in 7bit, quoted-printable or base64 chosen as Angus Mail chooses
 * (all ASCII with short lines: 7bit; mostly ASCII: quoted-printable; else base64). Going through
 * MimeMessage cost most of the CPU of sending a message; this produces the same structure.
 * Every line ends in CRLF. Not thread-safe: one per message.
 */
public final class MimeWriter {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** RFC 5322 atext plus space: a display name of only these needs no quotes. */
    private static final boolean[] PHRASE = new boolean[128];
    /** Printable ASCII but '=': what quoted-printable writes as itself wherever it stands (space and tab only before more text). */
    private static final boolean[] QP_AS_ITSELF = new boolean[128];
    /** Characters an RFC 2047 Q-encoded word may carry as they are, in a phrase as well as in text. */
    private static final boolean[] Q_LITERAL = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            PHRASE[c] = PHRASE[Character.toUpperCase(c)] = true;
            Q_LITERAL[c] = Q_LITERAL[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            PHRASE[c] = Q_LITERAL[c] = true;
        }
        for (char c : "!#$%&'*+-/=?^_`{|}~ ".toCharArray()) {
            PHRASE[c] = true;
        }
        for (char c : "!*+-/".toCharArray()) {
            Q_LITERAL[c] = true;
        }
        for (char c = 33; c <= 126; c++) {
            QP_AS_ITSELF[c] = c != '=';
        }
    }

    /** Body encodings, as in Content-Transfer-Encoding. */
    public enum Encoding {
        SEVEN_BIT("7bit"), QUOTED_PRINTABLE("quoted-printable"), BASE64("base64");

        final String header;

        Encoding(String header) {
            this.header = header;
        }
    }

    private byte[] buffer;
    private int length;

    public MimeWriter(int expectedSize) {
        buffer = new byte[Math.max(256, expectedSize)];
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    // ---- headers ----

    /** A header whose value is ASCII and safe as it is (ids, URLs, dates); folded at its spaces when long. */
    public MimeWriter header(String name, String value) {
        int lineStart = length;
        ascii(name).ascii(": ");
        int wordStart = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == ' ') {
                String word = value.substring(wordStart, i);
                if (wordStart > 0) {
                    // Fold before this space when the line would pass 78; the space stays, after the CRLF.
                    boolean foldable = !word.isEmpty() && value.charAt(wordStart - 2 < 0 ? 0 : wordStart - 2) != ' ';
                    if (foldable && length - lineStart + 1 + word.length() > 78) {
                        crlf();
                        lineStart = length;
                    }
                    ascii(" ");
                }
                ascii(word);
                wordStart = i + 1;
            }
        }
        return crlf();
    }

    /**
     * Unstructured text (Subject): as it is when plain ASCII, else RFC 2047 encoded words; also
     * when it contains "=?", which a reader could take for the start of an encoded word.
     */
    public MimeWriter text(String name, String value) {
        if (plainAscii(value, false) && longestWord(value) <= 900 && !value.contains("=?")) {
            return header(name, value);
        }
        int lineStart = length;
        ascii(name).ascii(": ");
        encodedWords(value, lineStart);
        return crlf();
    }

    /** {@code Name: display name <address>} or just the address; the name quoted or encoded as it needs. */
    public MimeWriter mailbox(String name, String displayName, String address) {
        int lineStart = length;
        ascii(name).ascii(": ");
        if (displayName == null) {
            return ascii(address).crlf();
        }
        if (plainAscii(displayName, false) && displayName.length() <= 200 && !displayName.contains("=?")) {
            if (isPhrase(displayName)) {
                ascii(displayName);
            } else {
                ascii("\"");
                for (int i = 0; i < displayName.length(); i++) {
                    char c = displayName.charAt(i);
                    ensure(2);
                    if (c == '"' || c == '\\') {
                        buffer[length++] = '\\';
                    }
                    buffer[length++] = (byte) c;
                }
                ascii("\"");
            }
        } else {
            lineStart = encodedWords(displayName, lineStart);
        }
        // 76, not 78: RFC 2047 asks it of a line that holds an encoded word.
        if (length - lineStart + 3 + address.length() > 76) {
            crlf();
        }
        return ascii(" <").ascii(address).ascii(">").crlf();
    }

    /** The empty line between the headers and the body. */
    public MimeWriter endOfHeaders() {
        return crlf();
    }

    /**
     * RFC 2047 Q words for the whole value, each at most 75 characters and lines at most 76, a
     * character's UTF-8 bytes never split over two words. Returns where the current line starts.
     */
    private int encodedWords(String value, int lineStart) {
        byte[] utf8 = new byte[4];
        boolean open = false;
        int wordLength = 0;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            i += Character.charCount(codePoint);
            int bytes = utf8(codePoint, utf8);
            int encodedLength = 0;
            for (int b = 0; b < bytes; b++) {
                encodedLength += qLiteral(utf8[b]) ? 1 : 3;
            }
            // "=?UTF-8?Q?" is 10, "?=" is 2: a word may hold 63; a line 76.
            if (open && (wordLength + encodedLength > 63 || length - lineStart + encodedLength + 2 > 76)) {
                ascii("?=");
                crlf();
                lineStart = length;
                ascii(" ");
                open = false;
            }
            if (!open) {
                ascii("=?UTF-8?Q?");
                open = true;
                wordLength = 0;
            }
            ensure(12);
            for (int b = 0; b < bytes; b++) {
                byte octet = utf8[b];
                if (octet == ' ') {
                    buffer[length++] = '_';
                } else if (qLiteral(octet)) {
                    buffer[length++] = octet;
                } else {
                    percent(octet);
                }
            }
            wordLength += encodedLength;
        }
        if (open) {
            ascii("?=");
        } else {
            ascii("=?UTF-8?Q??=");
        }
        return lineStart;
    }

    private static boolean qLiteral(byte b) {
        return b == ' ' || (b > 0 && Q_LITERAL[b]);
    }

    private static int utf8(int codePoint, byte[] out) {
        if (codePoint < 0x80) {
            out[0] = (byte) codePoint;
            return 1;
        }
        if (codePoint < 0x800) {
            out[0] = (byte) (0xC0 | codePoint >> 6);
            out[1] = (byte) (0x80 | codePoint & 0x3F);
            return 2;
        }
        if (codePoint < 0x10000) {
            out[0] = (byte) (0xE0 | codePoint >> 12);
            out[1] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            out[2] = (byte) (0x80 | codePoint & 0x3F);
            return 3;
        }
        out[0] = (byte) (0xF0 | codePoint >> 18);
        out[1] = (byte) (0x80 | codePoint >> 12 & 0x3F);
        out[2] = (byte) (0x80 | codePoint >> 6 & 0x3F);
        out[3] = (byte) (0x80 | codePoint & 0x3F);
        return 4;
    }

    private static boolean plainAscii(String value, boolean allowControls) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x7F || (!allowControls && c < 0x20)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPhrase(String value) {
        if (value.isEmpty() || value.startsWith(" ") || value.endsWith(" ") || value.contains("  ")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!PHRASE[value.charAt(i)]) {
                return false;
            }
        }
        return true;
    }

    private static int longestWord(String value) {
        int longest = 0;
        int current = 0;
        for (int i = 0; i < value.length(); i++) {
            current = value.charAt(i) == ' ' ? 0 : current + 1;
            longest = Math.max(longest, current);
        }
        return longest;
    }

    // ---- bodies ----

    /**
     * A text body in the encoding Angus Mail would pick for it, already encoded for
     * quoted-printable; for 7bit and base64 the canonical UTF-8 (every line break CRLF, as text/*
     * requires also inside base64), which base64 encodes when written.
     *
     * @param bytes  the first {@code length} bytes are the body
     */
    public record Body(byte[] bytes, int length, Encoding encoding) {

        /** The bytes it takes before base64 (exact for the other two): to size the message buffer. */
        public int approximateSize() {
            return length;
        }
    }

    /**
     * Writes quoted-printable and, in the same pass over the characters, counts what the choice of
     * encoding needs (the bytes their canonical UTF-8 would have, and lines over 998 of them):
     * most bodies end up quoted-printable, and scanning first, then encoding, read every character
     * twice (with the writing, half of the CPU of building a message).
     */
    public static Body body(String text) {
        char[] chars = text.toCharArray();
        MimeWriter encoded = new MimeWriter(chars.length + chars.length / 16 + 16);
        Counts counts = encoded.quotedPrintable(chars);
        if (counts.nonAscii() == 0 && !counts.longLine()) {
            byte[] ascii = asciiCrlf(text);
            return new Body(ascii, ascii.length, Encoding.SEVEN_BIT);
        }
        if (counts.nonAscii() > counts.ascii()) {
            byte[] canonical = canonicalCrlf(text.getBytes(StandardCharsets.UTF_8));
            return new Body(canonical, canonical.length, Encoding.BASE64);
        }
        return new Body(encoded.buffer, encoded.length, Encoding.QUOTED_PRINTABLE);
    }

    /** The bytes of a text as UTF-8 that are printable ASCII (with tab, CRLF as two) and that are not, and whether a line passes 998. */
    private record Counts(long ascii, long nonAscii, boolean longLine) {
    }

    /** ASCII text (and lone surrogates, which UTF-8 writes as '?') as bytes, every CR, LF and CRLF as CRLF. */
    private static byte[] asciiCrlf(String text) {
        int n = text.length();
        byte[] out = new byte[n * 2];
        int at = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                out[at++] = '\r';
                out[at++] = '\n';
            } else {
                out[at++] = Character.isSurrogate(c) ? (byte) '?' : (byte) c;
            }
        }
        return Arrays.copyOf(out, at);
    }

    /** The same bytes with every CR, LF and CRLF as CRLF; the array itself when it already is. */
    static byte[] canonicalCrlf(byte[] in) {
        boolean canonical = true;
        for (int i = 0; i < in.length && canonical; i++) {
            if (in[i] == '\r') {
                canonical = i + 1 < in.length && in[i + 1] == '\n';
                i++;
            } else if (in[i] == '\n') {
                canonical = false;
            }
        }
        if (canonical) {
            return in;
        }
        byte[] out = new byte[in.length * 2];
        int n = 0;
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '\r') {
                if (i + 1 < in.length && in[i + 1] == '\n') {
                    i++;
                }
                out[n++] = '\r';
                out[n++] = '\n';
            } else if (b == '\n') {
                out[n++] = '\r';
                out[n++] = '\n';
            } else {
                out[n++] = b;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Whether the boundary delimiter line could occur in this body as it would be written. */
    public static boolean contains(Body body, byte[] boundary) {
        if (body.encoding() != Encoding.SEVEN_BIT) {
            // Quoted-printable always escapes '=' and base64 has no '_': "=_" cannot occur.
            return false;
        }
        byte[] text = body.bytes();
        outer:
        for (int i = 0; i + boundary.length <= body.length(); i++) {
            for (int j = 0; j < boundary.length; j++) {
                if (text[i + j] != boundary[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    public MimeWriter contentHeaders(String mimeType, Body body) {
        ascii("Content-Type: ").ascii(mimeType).ascii("; charset=UTF-8").crlf();
        return ascii("Content-Transfer-Encoding: ").ascii(body.encoding().header).crlf();
    }

    /** The body in its encoding; ends without a line break of its own unless the text ended in one. */
    public MimeWriter encoded(Body body) {
        switch (body.encoding()) {
            case SEVEN_BIT, QUOTED_PRINTABLE -> raw(body.bytes(), body.length());
            // The canonical bytes fill the array exactly.
            case BASE64 -> raw(Base64.getMimeEncoder().encode(body.bytes()));
        }
        return this;
    }

    /**
     * RFC 2045 6.7, from the text's characters as UTF-8: every CR, LF and CRLF is a hard line
     * break (CRLF); '=', non-ASCII and control bytes become =XX; space and tab before a line
     * break or at the end become =XX too; soft breaks keep lines at 76 and never split an =XX.
     */
    private Counts quotedPrintable(char[] chars) {
        int n = chars.length;
        ensure(n + n / 16 + 16);
        byte[] out = buffer;
        int at = length;
        int column = 0;
        long ascii = 0;
        long nonAscii = 0;
        int lineBytes = 0;
        boolean longLine = false;
        for (int i = 0; i < n; i++) {
            // One character writes at most 18 bytes (a surrogate pair: four =XX and soft breaks).
            if (at + 18 > out.length) {
                length = at;
                ensure(18 + (n - i) * 2);
                out = buffer;
            }
            char c = chars[i];
            // Most of a body is runs of characters written as themselves: copied in a tight loop up
            // to the end of the line's room; the soft break and everything else take the way below.
            int end = Math.min(n, i + Math.min(75 - column, out.length - at - 18));
            int j = i;
            while (j < end) {
                char d = chars[j];
                if (d < 128 && QP_AS_ITSELF[d] || (d == ' ' || d == '\t') && j + 1 < n && chars[j + 1] != '\r' && chars[j + 1] != '\n') {
                    out[at++] = (byte) d;
                    j++;
                } else {
                    break;
                }
            }
            if (j > i) {
                int run = j - i;
                column += run;
                ascii += run;
                lineBytes += run;
                if (lineBytes > 998) {
                    longLine = true;
                }
                i = j - 1;
                continue;
            }
            if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && chars[i + 1] == '\n') {
                    i++;
                }
                out[at++] = '\r';
                out[at++] = '\n';
                column = 0;
                ascii += 2;
                lineBytes = 0;
                continue;
            }
            // Written as itself: printable ASCII but '=', space and tab unless a line break follows, and
            // a lone surrogate, which UTF-8 writes as '?'.
            int literal = (c >= 33 && c <= 126 && c != '=') ? c
                    : (c == ' ' || c == '\t') && i + 1 < n && chars[i + 1] != '\r' && chars[i + 1] != '\n' ? c
                    : Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(chars[i + 1])) ? '?'
                    : -1;
            if (literal >= 0) {
                if (column == 75) {
                    out[at++] = '=';
                    out[at++] = '\r';
                    out[at++] = '\n';
                    column = 0;
                }
                out[at++] = (byte) literal;
                column++;
                ascii++;
                if (++lineBytes > 998) {
                    longLine = true;
                }
                continue;
            }
            // Everything else as =XX per UTF-8 byte: up to four bytes, packed low byte first.
            int bytes;
            int count;
            if (c < 0x80) {
                bytes = c;
                count = 1;
                if (c == 0x7F || (c < 0x20 && c != '\t')) {
                    nonAscii++;
                } else {
                    ascii++;
                }
            } else if (Character.isHighSurrogate(c)) {
                int codePoint = Character.toCodePoint(c, chars[++i]);
                bytes = (0xF0 | (codePoint >> 18)) | (0x80 | ((codePoint >> 12) & 0x3F)) << 8
                        | (0x80 | ((codePoint >> 6) & 0x3F)) << 16 | (0x80 | (codePoint & 0x3F)) << 24;
                count = 4;
                nonAscii += 4;
            } else if (c < 0x800) {
                bytes = (0xC0 | (c >> 6)) | (0x80 | (c & 0x3F)) << 8;
                count = 2;
                nonAscii += 2;
            } else {
                bytes = (0xE0 | (c >> 12)) | (0x80 | ((c >> 6) & 0x3F)) << 8 | (0x80 | (c & 0x3F)) << 16;
                count = 3;
                nonAscii += 3;
            }
            lineBytes += count;
            if (lineBytes > 998) {
                longLine = true;
            }
            for (int k = 0; k < count; k++, bytes >>>= 8) {
                if (column + 3 > 75) {
                    out[at++] = '=';
                    out[at++] = '\r';
                    out[at++] = '\n';
                    column = 0;
                }
                out[at++] = '=';
                out[at++] = HEX[(bytes >> 4) & 0xF];
                out[at++] = HEX[bytes & 0xF];
                column += 3;
            }
        }
        length = at;
        return new Counts(ascii, nonAscii, longLine);
    }

    private void percent(byte b) {
        buffer[length++] = '=';
        buffer[length++] = HEX[(b >> 4) & 0xF];
        buffer[length++] = HEX[b & 0xF];
    }

    // ---- raw output ----

    public MimeWriter ascii(String value) {
        int n = value.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer[length + i] = (byte) value.charAt(i);
        }
        length += n;
        return this;
    }

    public MimeWriter raw(byte[] bytes) {
        return raw(bytes, bytes.length);
    }

    /** The first {@code count} bytes. */
    public MimeWriter raw(byte[] bytes, int count) {
        ensure(count);
        System.arraycopy(bytes, 0, buffer, length, count);
        length += count;
        return this;
    }

    public MimeWriter crlf() {
        ensure(2);
        buffer[length++] = '\r';
        buffer[length++] = '\n';
        return this;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
