package nl.mailwijs.engine.values;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;

/**
 * Topics and categories are compared without regard to case, surrounding space or Unicode
 * form: "café" typed on a Mac (e + combining accent) is the same topic as "café" from a web
 * form, so an objection to one also stops the other.
 */
public final class Topics {

    private Topics() {
    }

    public static String key(String topic) {
        String stripped = topic.strip();
        String composed = isPlainAscii(stripped) ? stripped : Normalizer.normalize(stripped, Normalizer.Form.NFC);
        return composed.toLowerCase(Locale.ROOT);
    }

    public static boolean same(String a, String b) {
        return a.equals(b) || key(a).equals(key(b));
    }

    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    public static boolean containsTopic(Collection<String> topics, String topic) {
        for (String candidate : topics) {
            if (same(candidate, topic)) {
                return true;
            }
        }
        return false;
    }
}
