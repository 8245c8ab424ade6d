package nl.mailwijs.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Values that repeat across rows (a category list, a consent wording) kept once and referred
 * to by index. An export of a million orders typically has a few dozen distinct category
 * lists; storing each once is most of what keeps the evidence small.
 */
final class InternTable<T> {

    private final Map<String, Integer> indexByText = new HashMap<>();
    private final List<T> values = new ArrayList<>();
    private final Function<String, T> valueOf;

    InternTable(Function<String, T> valueOf) {
        this.valueOf = valueOf;
    }

    /** The index of the value for this text, making it on first sight. */
    int intern(String text) {
        Integer known = indexByText.get(text);
        if (known != null) {
            return known;
        }
        int index = values.size();
        values.add(valueOf.apply(text));
        indexByText.put(text, index);
        return index;
    }

    T get(int index) {
        return values.get(index);
    }
}
