package nl.mailwijs.decisionjson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.mailwijs.engine.DecisionEngine;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.decision.Reason;

/** The public decision scenarios (copied from shared/scenarios), replayed through the JSON contract. */
class ScenarioTests {

    private final DecisionEngine engine = new DecisionEngine();

    static Stream<Arguments> scenarios() throws IOException, URISyntaxException {
        Path folder = Path.of(ScenarioTests.class.getResource("/scenarios").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted()
                    .map(file -> Arguments.of(file.getFileName().toString(), read(file)))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioDecidesAsExpected(String name, Map<String, Object> scenario) {
        Decision decision = engine.decide(DecisionRequestJson.read(requestJson(scenario)));

        @SuppressWarnings("unchecked")
        Map<String, Object> expect = (Map<String, Object>) scenario.get("expect");
        assertThat(decision.verdict().name()).as(name).isEqualTo(expect.get("verdict"));
        if (decision.allowed()) {
            assertThat(decision.basis().name()).as(name).isEqualTo(expect.get("basis"));
        } else {
            assertThat(decision.denial().name()).as(name).isEqualTo(expect.get("denial"));
        }
        for (Reason reason : decision.reasons()) {
            assertThat(reason.text(Language.NL)).as(reason.rule()).isNotBlank().doesNotContain("{");
            assertThat(reason.text(Language.EN)).as(reason.rule()).isNotBlank().doesNotContain("{");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (Map<String, Object>) JsonTree.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The scenario's request, re-serialised: the test reads it through the same strict reader as decide. */
    static String requestJson(Map<String, Object> scenario) {
        return TreeJson.write(scenario.get("request"));
    }
}
