package nl.mailwijs.inbound.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.mailwijs.inbound.FailedRecipient;

/** Failed recipients in report order, each address once; a later mention fills in what an earlier one lacked. */
final class Recipients {

    static final int MAX_DIAGNOSTIC = 500;

    private final Map<String, FailedRecipient> byAddress = new LinkedHashMap<>();

    void add(FailedRecipient recipient) {
        String key = Addresses.key(recipient.address());
        FailedRecipient earlier = byAddress.get(key);
        if (earlier == null) {
            byAddress.put(key, recipient);
        } else if (earlier.status() == null && recipient.status() != null) {
            // Exchange names the address twice: first with a sentence, then with the server's reply.
            byAddress.put(key, new FailedRecipient(earlier.address(), recipient.permanent(), recipient.status(),
                    recipient.diagnostic() == null ? earlier.diagnostic() : recipient.diagnostic()));
        } else if (earlier.diagnostic() == null && recipient.diagnostic() != null) {
            byAddress.put(key, new FailedRecipient(earlier.address(), earlier.permanent() || recipient.permanent(),
                    earlier.status(), recipient.diagnostic()));
        }
    }

    boolean isEmpty() {
        return byAddress.isEmpty();
    }

    int size() {
        return byAddress.size();
    }

    List<FailedRecipient> list() {
        return new ArrayList<>(byAddress.values());
    }

    static String diagnostic(String text) {
        if (text == null) {
            return null;
        }
        String line = Texts.oneLine(text, MAX_DIAGNOSTIC);
        return line.isEmpty() ? null : line;
    }
}
