package nl.mailwijs.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens a named file or standard input ({@code -}) as UTF-8 text, without a byte order mark. */
public final class Input {

    private Input() {
    }

    public static BufferedReader open(String name, InputStream stdin) {
        return new BufferedReader(new InputStreamReader(openBytes(name, stdin), StandardCharsets.UTF_8), 1 << 16);
    }

    /** The raw UTF-8 bytes, after any byte order mark. */
    public static InputStream openBytes(String name, InputStream stdin) {
        try {
            InputStream raw = name.equals("-") ? stdin : Files.newInputStream(Path.of(name));
            return skipByteOrderMark(raw);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + name + ": no such file");
        } catch (IOException e) {
            throw new UsageException("cannot read " + name + ": " + e.getMessage());
        }
    }

    static InputStream skipByteOrderMark(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 3);
        byte[] head = new byte[3];
        int read = in.readNBytes(head, 0, 3);
        boolean bom = read == 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF;
        if (!bom && read > 0) {
            in.unread(head, 0, read);
        }
        return in;
    }

    public static String readAll(BufferedReader reader, String name) {
        try {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[1 << 14];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
