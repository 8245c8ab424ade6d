package nl.mailwijs.platform;

import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit, so one request cannot fill the memory. */
public final class RequestBodies {

    private RequestBodies() {
    }

    public static byte[] read(InputStream body, int limit) throws IOException {
        byte[] bytes = body.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new BodyTooLargeException(limit);
        }
        return bytes;
    }
}
