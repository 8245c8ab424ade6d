package nl.mailwijs.decisionjson;

import java.util.Map;

/** Bridges the package-private JSON tree to tests in other packages. */
public final class TestJson {

    private TestJson() {
    }

    /** The "request" of a scenario file as one compact line. */
    public static String requestLineOf(String scenarioJson) {
        return TreeJson.write(((Map<?, ?>) JsonTree.parse(scenarioJson)).get("request"));
    }

    public static Object parse(String json) {
        return JsonTree.parse(json);
    }
}
