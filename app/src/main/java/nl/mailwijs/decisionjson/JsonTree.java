package nl.mailwijs.decisionjson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a JSON document into plain values: {@code Map} (insertion order), {@code List},
 * {@code String}, {@code Number}, {@code Boolean} and {@link #NULL}. Duplicate keys and
 * trailing content are errors. Small documents only: a decision request, a policy.
 */
final class JsonTree {

    /** JSON {@code null}, kept apart from an absent field. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonTree() {
    }

    static Object parse(String json) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            return parse(parser);
        } catch (JacksonException e) {
            throw new InvalidRequestException("", "invalid JSON: " + describe(e));
        }
    }

    /** UTF-8 bytes, as `decide --jsonl` reads them: Jackson's byte parser is the faster one. */
    static Object parse(byte[] json) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            return parse(parser);
        } catch (JacksonException e) {
            throw new InvalidRequestException("", "invalid JSON: " + describe(e));
        }
    }

    private static Object parse(JsonParser parser) {
        try {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidRequestException("", "empty input: expected a JSON object");
            }
            Object value = read(parser, first);
            if (parser.nextToken() != null) {
                throw new InvalidRequestException("", "unexpected content after the JSON object at " + where(parser.currentTokenLocation()));
            }
            return value;
        } catch (JacksonException e) {
            throw new InvalidRequestException("", "invalid JSON: " + describe(e));
        }
    }

    private static Object read(JsonParser parser, JsonToken token) {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                    object.put(name, read(parser, parser.nextToken()));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    array.add(read(parser, item));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            default -> throw new InvalidRequestException("", "unexpected " + token + " at " + where(parser.currentTokenLocation()));
        };
    }

    private static String describe(JacksonException e) {
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        TokenStreamLocation location = e.getLocation();
        return location == null || location == TokenStreamLocation.NA ? first : first + " (at " + where(location) + ")";
    }

    private static String where(TokenStreamLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
