package nl.mailwijs.inbound.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What was wrong with one message, each sentence once, in the order found. */
public final class Problems {

    /** Enough to tell what is wrong; a message of junk must not produce a report of junk. */
    private static final int MAX = 20;

    private final Set<String> found = new LinkedHashSet<>();

    public void add(String problem) {
        if (found.size() < MAX) {
            found.add(problem);
        }
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<String> list() {
        return new ArrayList<>(found);
    }
}
