package nl.mailwijs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.mailwijs.engine.decision.Decision;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The 17 example scenarios of {@code decision-format.md}, bundled as class path resources
 * ({@code scenarios/index.txt} lists them) so a benchmark run does not depend on the shared
 * folder. Each scenario gives its request as one compact JSON line (as {@code decide --jsonl}
 * reads it) and the expected outcome.
 */
public final class Scenarios {

    /** One scenario: its name, its request as compact JSON, and the expected outcome fields. */
    public record Scenario(String name, String requestJson, Map<String, String> expect) {

        /** Whether a decision has the expected verdict and basis or denial. */
        public boolean matches(Decision decision) {
            return expect.getOrDefault("verdict", decision.verdict().name()).equals(decision.verdict().name())
                    && (!expect.containsKey("basis") || expect.get("basis").equals(name(decision.basis())))
                    && (!expect.containsKey("denial") || expect.get("denial").equals(name(decision.denial())));
        }

        private static String name(Enum<?> value) {
            return value == null ? null : value.name();
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    private Scenarios() {
    }

    public static List<Scenario> load() {
        List<Scenario> scenarios = new ArrayList<>();
        for (String file : resource("scenarios/index.txt").split("\\R")) {
            if (!file.isBlank()) {
                scenarios.add(parse(file.strip(), resource("scenarios/" + file.strip())));
            }
        }
        if (scenarios.isEmpty()) {
            throw new IllegalStateException("no scenarios on the class path (scenarios/index.txt)");
        }
        return List.copyOf(scenarios);
    }

    private static Scenario parse(String file, String json) {
        String name = file.replaceFirst("\\.json$", "");
        String request = null;
        Map<String, String> expect = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException(file + ": not a JSON object");
            }
            for (String field = parser.nextName(); field != null; field = parser.nextName()) {
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "name" -> name = parser.getString();
                    case "request" -> request = compact(parser);
                    case "expect" -> {
                        for (String key = parser.nextName(); key != null; key = parser.nextName()) {
                            parser.nextToken();
                            expect.put(key, parser.getString());
                        }
                    }
                    default -> {
                        if (token.isStructStart()) {
                            parser.skipChildren();
                        }
                    }
                }
            }
        }
        if (request == null) {
            throw new IllegalStateException(file + ": no \"request\"");
        }
        return new Scenario(name, request, Map.copyOf(expect));
    }

    private static String compact(JsonParser parser) {
        StringWriter out = new StringWriter(2048);
        try (JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            generator.copyCurrentStructure(parser);
        }
        return out.toString();
    }

    private static String resource(String path) {
        try (InputStream in = Scenarios.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
