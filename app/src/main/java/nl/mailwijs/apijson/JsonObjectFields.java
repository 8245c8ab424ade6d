package nl.mailwijs.apijson;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.decisionjson.IsoTimes;

/**
 * One JSON object being read, with its path for error messages ({@code addresses[1].channel}).
 * Every accessor checks the type and names the field when it is wrong; {@link #allowOnly}
 * makes unknown fields an error, because a misspelt optional field that is silently ignored
 * loses evidence without anyone noticing.
 */
public final class JsonObjectFields {

    /**
     * Duplicate keys are refused (which of two "givenAt" would be the evidence?), and so is
     * anything after the object. Decimals stay BigDecimal so free attributes keep their digits.
     */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final String path;
    private final JsonNode object;

    private JsonObjectFields(String path, JsonNode object) {
        this.path = path;
        this.object = object;
    }

    /** A request body that must be one JSON object. */
    public static JsonObjectFields parse(byte[] json) {
        return root(tree(json));
    }

    /** The same, from text (e.g. JSON stored in the database). */
    public static JsonObjectFields parse(String json) {
        return parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Any JSON value, parsed strictly; for fields that hold free JSON. */
    public static JsonNode tree(byte[] json) {
        if (json.length == 0) {
            throw new InvalidRequestException("", "empty body: expected a JSON object");
        }
        try {
            return STRICT.readTree(json);
        } catch (JacksonException e) {
            var location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new InvalidRequestException("", "invalid JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    private static JsonObjectFields root(JsonNode tree) {
        if (!tree.isObject()) {
            throw new InvalidRequestException("", "expected a JSON object, found " + kind(tree));
        }
        return new JsonObjectFields("", tree);
    }

    public String path() {
        return path;
    }

    /** The path of a field of this object, as error messages name it. */
    public String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public void allowOnly(Set<String> known) {
        for (String name : object.propertyNames()) {
            if (!known.contains(name)) {
                throw new InvalidRequestException(pathOf(name), "unknown field; allowed here: "
                        + known.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    /** Present and not null: null and absent mean the same for every optional field. */
    public boolean has(String name) {
        JsonNode value = object.get(name);
        return value != null && !value.isNull();
    }

    public String requiredString(String name) {
        String text = optionalString(name);
        if (text == null) {
            throw missing(name);
        }
        return text;
    }

    public String optionalString(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode value = object.get(name);
        if (!value.isString()) {
            throw wrongType(name, "a string", value);
        }
        return value.stringValue();
    }

    public boolean optionalBoolean(String name, boolean absent) {
        if (!has(name)) {
            return absent;
        }
        JsonNode value = object.get(name);
        if (!value.isBoolean()) {
            throw wrongType(name, "true or false", value);
        }
        return value.booleanValue();
    }

    /** A positive whole number such as a record id, or null when absent. */
    public Long optionalId(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode value = object.get(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1) {
            throw wrongType(name, "a positive whole number", value);
        }
        return value.longValue();
    }

    public <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
        return enumValue(pathOf(name), requiredString(name), type);
    }

    public <E extends Enum<E>> E optionalEnum(String name, Class<E> type) {
        String text = optionalString(name);
        return text == null ? null : enumValue(pathOf(name), text, type);
    }

    /** An enum value from text; the error lists the values there are. */
    public static <E extends Enum<E>> E enumValue(String field, String text, Class<E> type) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, "'" + text + "' is not one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /** An ISO-8601 time or date, read as {@code decision-format.md} reads them. */
    public Instant requiredInstant(String name) {
        Instant instant = optionalInstant(name);
        if (instant == null) {
            throw missing(name);
        }
        return instant;
    }

    public Instant optionalInstant(String name) {
        String text = optionalString(name);
        if (text == null) {
            return null;
        }
        try {
            return IsoTimes.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidRequestException(pathOf(name), IsoTimes.problem(text));
        }
    }

    /** An optional array of strings; absent or null is an empty list. */
    public List<String> strings(String name) {
        List<JsonNode> items = array(name);
        List<String> strings = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).isString()) {
                throw new InvalidRequestException(pathOf(name) + "[" + i + "]", "expected a string, found " + kind(items.get(i)));
            }
            strings.add(items.get(i).stringValue());
        }
        return strings;
    }

    /** An optional array of objects; absent or null is an empty list. */
    public List<JsonObjectFields> objects(String name) {
        List<JsonNode> items = array(name);
        List<JsonObjectFields> objects = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String itemPath = pathOf(name) + "[" + i + "]";
            if (!items.get(i).isObject()) {
                throw new InvalidRequestException(itemPath, "expected an object, found " + kind(items.get(i)));
            }
            objects.add(new JsonObjectFields(itemPath, items.get(i)));
        }
        return objects;
    }

    /** An optional object kept as JSON (free attributes), or null when absent. */
    public JsonNode optionalObjectNode(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode value = object.get(name);
        if (!value.isObject()) {
            throw wrongType(name, "an object", value);
        }
        return value;
    }

    private List<JsonNode> array(String name) {
        if (!has(name)) {
            return List.of();
        }
        JsonNode value = object.get(name);
        if (!value.isArray()) {
            throw wrongType(name, "an array", value);
        }
        return List.copyOf(value.values());
    }

    private InvalidRequestException missing(String name) {
        return new InvalidRequestException(pathOf(name), "required field is missing");
    }

    private InvalidRequestException wrongType(String name, String expected, JsonNode found) {
        return new InvalidRequestException(pathOf(name), "expected " + expected + ", found " + kind(found));
    }

    private static String kind(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isString()) {
            return "the string \"" + value.stringValue() + "\"";
        }
        if (value.isNumber()) {
            return "the number " + value.numberValue();
        }
        return value.toString();
    }
}
