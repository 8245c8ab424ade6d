package nl.mailwijs.decisionjson;

import java.util.List;
import java.util.Map;

/** Writes a plain-value tree (as {@link JsonTree} reads it) back to JSON, for tests. */
final class TreeJson {

    private TreeJson() {
    }

    static String write(Object tree) {
        StringBuilder out = new StringBuilder();
        DecisionJson.Json json = new DecisionJson.Json(out, false);
        write(tree, json, out);
        return out.toString();
    }

    private static void write(Object value, DecisionJson.Json json, StringBuilder out) {
        switch (value) {
            case Map<?, ?> map -> {
                json.beginObject();
                map.forEach((name, item) -> {
                    json.name((String) name);
                    write(item, json, out);
                });
                json.endObject();
            }
            case List<?> list -> {
                json.beginArray();
                list.forEach(item -> write(item, json, out));
                json.endArray();
            }
            case String text -> json.string(text);
            case Boolean flag -> json.raw(flag.toString());
            case Number number -> json.raw(number.toString());
            default -> json.raw("null");
        }
    }
}
