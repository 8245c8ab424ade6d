package nl.mailwijs.decisionjson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nl.mailwijs.engine.DecisionEngine;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Language;

class DecisionJsonTests {

    private final Decision decision = new DecisionEngine().decide(DecisionRequestJson.read(DecisionRequestJsonTests.baseline()));

    @Test
    void writesExactlyTheFieldsOfTheFormatInOrder() {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) JsonTree.parse(DecisionJson.write(decision, Language.NL, false));

        assertThat(json.keySet()).containsExactly("verdict", "basis", "denial", "reasons", "evidenceUsed", "basisValidUntil", "obligations");
        assertThat(json.get("verdict")).isEqualTo("ALLOW");
        assertThat(json.get("basis")).isEqualTo("CONSENT");
        assertThat(json.get("denial")).isSameAs(JsonTree.NULL);
        assertThat(json.get("evidenceUsed")).isEqualTo(List.of("c-1"));
        assertThat((List<?>) json.get("reasons")).hasSize(decision.reasons().size());
    }

    @Test
    void compactIsOneLineAndPrettyParsesToTheSame() {
        String compact = DecisionJson.write(decision, Language.EN, false);
        String pretty = DecisionJson.write(decision, Language.EN, true);

        assertThat(compact).doesNotContain("\n");
        assertThat(pretty).contains("\n  \"reasons\": [\n    {");
        assertThat(JsonTree.parse(pretty)).isEqualTo(JsonTree.parse(compact));
    }

    @Test
    void reasonsFollowTheLanguage() {
        assertThat(DecisionJson.write(decision, Language.NL, false)).contains("Toestemming c-1 geldt");
        assertThat(DecisionJson.write(decision, Language.EN, false)).contains("Consent c-1 covers");
    }

    @Test
    void controlCharactersQuotesAndLoneSurrogatesAreEscaped() {
        StringBuilder out = new StringBuilder();
        new DecisionJson.Json(out, false).string("bad \"x\"\n\u0001 ü \ud83d\ude00 \ud800");

        assertThat(out).hasToString("\"bad \\\"x\\\"\\n\\u0001 ü \ud83d\ude00 \\ud800\"");
        assertThat(JsonTree.parse("[" + out + "]")).isNotNull();
    }

    @Test
    void anErrorObjectNamesLineFieldAndProblem() {
        String json = DecisionJson.writeError(new InvalidRequestException("a.b", "bad \"x\""), 7);

        assertThat(json).isEqualTo("{\"error\":{\"line\":7,\"field\":\"a.b\",\"message\":\"bad \\\"x\\\"\"}}");
    }
}
