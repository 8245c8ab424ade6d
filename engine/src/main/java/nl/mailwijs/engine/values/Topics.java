package nl.mailwijs.engine.values;

import java.util.Collection;
import java.util.Locale;

/** Topics and categories are compared without regard to case or surrounding space. */
public final class Topics {

    private Topics() {
    }

    public static String key(String topic) {
        return topic.strip().toLowerCase(Locale.ROOT);
    }

    public static boolean same(String a, String b) {
        return a.strip().equalsIgnoreCase(b.strip());
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
