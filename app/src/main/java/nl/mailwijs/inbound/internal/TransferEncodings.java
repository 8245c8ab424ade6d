package nl.mailwijs.inbound.internal;

import java.io.ByteArrayOutputStream;

/**
 * Base64 and quoted-printable decoding that forgives what real mail contains (stray characters,
 * missing padding, bad escapes) instead of throwing, as the JDK decoders do.
 */
final class TransferEncodings {

    private TransferEncodings() {
    }

    static byte[] base64(byte[] source, int start, int end, Problems problems) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((end - start) * 3 / 4 + 3);
        int buffer = 0;
        int bits = 0;
        boolean junk = false;
        for (int i = start; i < end; i++) {
            int c = source[i] & 0xFF;
            int value;
            if (c >= 'A' && c <= 'Z') {
                value = c - 'A';
            } else if (c >= 'a' && c <= 'z') {
                value = c - 'a' + 26;
            } else if (c >= '0' && c <= '9') {
                value = c - '0' + 52;
            } else if (c == '+' || c == '-') {
                value = 62;
            } else if (c == '/' || c == '_') {
                value = 63;
            } else if (c == '=') {
                // Padding ends a group; real mail sometimes concatenates several encoded blocks.
                bits = 0;
                buffer = 0;
                continue;
            } else {
                junk |= !(c == '\r' || c == '\n' || c == ' ' || c == '\t');
                continue;
            }
            buffer = (buffer << 6) | value;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.write((buffer >> bits) & 0xFF);
            }
        }
        if (junk) {
            problems.add("base64 body contains characters outside the base64 alphabet; they were skipped");
        }
        return out.toByteArray();
    }

    static byte[] quotedPrintable(byte[] source, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        for (int i = start; i < end; i++) {
            int c = source[i] & 0xFF;
            if (c != '=') {
                out.write(c);
                continue;
            }
            // A soft line break: '=' then optional white space then the end of the line.
            int j = i + 1;
            while (j < end && (source[j] == ' ' || source[j] == '\t')) {
                j++;
            }
            if (j < end && source[j] == '\r') {
                j++;
            }
            if (j < end && source[j] == '\n') {
                i = j;
                continue;
            }
            if (j >= end) {
                i = j;
                continue;
            }
            int high = i + 2 < end ? Character.digit(source[i + 1], 16) : -1;
            int low = i + 2 < end ? Character.digit(source[i + 2], 16) : -1;
            if (high >= 0 && low >= 0) {
                out.write(high * 16 + low);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
