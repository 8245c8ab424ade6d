package nl.mailwijs.decisionjson;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One JSON object being mapped, with its path for error messages. Every accessor checks the
 * type and says which field is wrong and what it expected; {@link #rejectUnknown} makes
 * unknown fields an error.
 */
final class JsonFields {

    private final String path;
    private final Map<String, Object> values;

    private JsonFields(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    @SuppressWarnings("unchecked")
    static JsonFields root(Object tree) {
        if (!(tree instanceof Map<?, ?> map)) {
            throw new InvalidRequestException("", "expected a JSON object, found " + kind(tree));
        }
        return new JsonFields("", (Map<String, Object>) map);
    }

    /** The object's own fields as read, e.g. to recognise a repeated policy. */
    Map<String, Object> values() {
        return values;
    }

    String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    void rejectUnknown(Set<String> known) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                String hint = closest(name, known);
                throw new InvalidRequestException(pathOf(name), "unknown field"
                        + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                        + "; allowed here: " + known.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    boolean has(String name) {
        Object value = values.get(name);
        return value != null && value != JsonTree.NULL;
    }

    private Object required(String name) {
        if (!has(name)) {
            throw new InvalidRequestException(pathOf(name), "required field is missing");
        }
        return values.get(name);
    }

    String requiredString(String name) {
        Object value = required(name);
        if (!(value instanceof String text)) {
            throw wrongType(name, "a string", value);
        }
        return text;
    }

    String optionalString(String name) {
        if (!has(name)) {
            return null;
        }
        Object value = values.get(name);
        if (!(value instanceof String text)) {
            throw wrongType(name, "a string", value);
        }
        return text;
    }

    boolean optionalBoolean(String name, boolean absent) {
        if (!has(name)) {
            return absent;
        }
        Object value = values.get(name);
        if (!(value instanceof Boolean flag)) {
            throw wrongType(name, "true or false", value);
        }
        return flag;
    }

    Integer optionalInteger(String name, int min, int max) {
        if (!has(name)) {
            return null;
        }
        Object value = values.get(name);
        if (!(value instanceof Integer || value instanceof Long) ) {
            throw wrongType(name, "a whole number", value);
        }
        long number = ((Number) value).longValue();
        if (number < min || number > max) {
            throw new InvalidRequestException(pathOf(name), "must be between " + min + " and " + max + ", was " + number);
        }
        return (int) number;
    }

    <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
        return enumValue(name, requiredString(name), type);
    }

    <E extends Enum<E>> E optionalEnum(String name, Class<E> type) {
        String text = optionalString(name);
        return text == null ? null : enumValue(name, text, type);
    }

    private <E extends Enum<E>> E enumValue(String name, String text, Class<E> type) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw notOneOf(pathOf(name), text, type);
        }
    }

    static <E extends Enum<E>> InvalidRequestException notOneOf(String field, String text, Class<E> type) {
        return new InvalidRequestException(field, "'" + text + "' is not one of " + Arrays.stream(type.getEnumConstants())
                .map(Enum::name).collect(Collectors.joining(", ")));
    }

    Instant requiredInstant(String name) {
        return instant(name, requiredString(name));
    }

    Instant optionalInstant(String name) {
        String text = optionalString(name);
        return text == null ? null : instant(name, text);
    }

    private Instant instant(String name, String text) {
        try {
            return IsoTimes.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidRequestException(pathOf(name), IsoTimes.problem(text));
        }
    }

    JsonFields requiredObject(String name) {
        return object(pathOf(name), required(name));
    }

    JsonFields optionalObject(String name) {
        return has(name) ? object(pathOf(name), values.get(name)) : null;
    }

    @SuppressWarnings("unchecked")
    private static JsonFields object(String path, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidRequestException(path, "expected an object, found " + kind(value));
        }
        return new JsonFields(path, (Map<String, Object>) map);
    }

    /** An optional array of objects; absent or null is an empty list. */
    List<JsonFields> objects(String name) {
        List<Object> items = array(name);
        List<JsonFields> objects = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            objects.add(object(pathOf(name) + "[" + i + "]", items.get(i)));
        }
        return objects;
    }

    /** An optional array of strings; absent or null is an empty list. */
    List<String> strings(String name) {
        List<Object> items = array(name);
        List<String> strings = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String text)) {
                throw new InvalidRequestException(pathOf(name) + "[" + i + "]", "expected a string, found " + kind(items.get(i)));
            }
            strings.add(text);
        }
        return strings;
    }

    <E extends Enum<E>> List<E> enums(String name, Class<E> type) {
        List<String> texts = strings(name);
        List<E> enums = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            try {
                enums.add(Enum.valueOf(type, texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw notOneOf(pathOf(name) + "[" + i + "]", texts.get(i), type);
            }
        }
        return enums;
    }

    @SuppressWarnings("unchecked")
    private List<Object> array(String name) {
        if (!has(name)) {
            return List.of();
        }
        Object value = values.get(name);
        if (!(value instanceof List<?> list)) {
            throw wrongType(name, "an array", value);
        }
        return (List<Object>) list;
    }

    /** An optional object whose every value is an array of strings, e.g. similar topics. */
    Map<String, List<String>> stringListsByName(String name) {
        JsonFields object = optionalObject(name);
        if (object == null) {
            return Map.of();
        }
        Map<String, List<String>> result = new java.util.LinkedHashMap<>();
        for (String key : object.values.keySet()) {
            result.put(key, object.strings(key));
        }
        return result;
    }

    private InvalidRequestException wrongType(String name, String expected, Object found) {
        return new InvalidRequestException(pathOf(name), "expected " + expected + ", found " + kind(found));
    }

    static String kind(Object value) {
        return switch (value) {
            case null -> "nothing";
            case Map<?, ?> map -> "an object";
            case List<?> list -> "an array";
            case String text -> "the string \"" + text + "\"";
            case Boolean flag -> flag.toString();
            case Number number -> "the number " + number;
            default -> value == JsonTree.NULL ? "null" : value.toString();
        };
    }

    /** The known name closest to a misspelt one, if it is close enough to be a likely typo. */
    private static String closest(String name, Set<String> known) {
        return known.stream()
                .filter(candidate -> distance(candidate.toLowerCase(), name.toLowerCase()) <= Math.max(2, name.length() / 4))
                .min(Comparator.comparingInt(candidate -> distance(candidate.toLowerCase(), name.toLowerCase())))
                .orElse(null);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
