package nl.mailwijs.delivery.internal;

import java.util.Arrays;

/**
 * The bytes an SMTP client writes next: commands, and messages as DATA. Its own class so that
 * the transparency procedure (RFC 5321 4.5.2) can be checked without a socket.
 */
final class OutgoingBytes {

    private static final int INITIAL = 16384;

    private byte[] bytes = new byte[INITIAL];
    private int length;

    /** Characters that are ASCII by construction: commands and their arguments. */
    void ascii(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length + i] = (byte) ascii.charAt(i);
        }
        length += n;
    }

    /**
     * The message as SMTP DATA: a '.' that starts a line doubled, a bare CR or LF made CRLF, and
     * a final CRLF added when missing, so the terminating dot stands alone. Copies each line in
     * one piece: a message is mostly long lines, and byte-by-byte copying was a tenth of the CPU
     * of sending one.
     */
    void dotStuffed(byte[] message) {
        int n = message.length;
        ensure(n + n / 32 + 2);
        int i = 0;
        boolean lineStart = true;
        while (i < n) {
            int end = i;
            while (end < n && message[end] != '\r' && message[end] != '\n') {
                end++;
            }
            if (end > i) {
                ensure(end - i + 1);
                if (lineStart && message[i] == '.') {
                    bytes[length++] = '.';
                }
                System.arraycopy(message, i, bytes, length, end - i);
                length += end - i;
                lineStart = false;
            }
            if (end < n) {
                ensure(2);
                bytes[length++] = '\r';
                bytes[length++] = '\n';
                end += message[end] == '\r' && end + 1 < n && message[end + 1] == '\n' ? 2 : 1;
                lineStart = true;
            }
            i = end;
        }
        if (!lineStart) {
            ascii("\r\n");
        }
    }

    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Empties it after a write; a large message once should not keep a large buffer forever. */
    void clear() {
        length = 0;
        if (bytes.length > 1 << 20) {
            bytes = new byte[INITIAL];
        }
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
