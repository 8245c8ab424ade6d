package nl.mailwijs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import nl.mailwijs.engine.DecisionEngine;

/** `decide --jsonl` answers every line exactly as `decide` answers that line on its own. */
class DecideJsonlProperties {

    private static final List<String> SCENARIOS = scenarioRequests();

    private final DecideCommand decide = new DecideCommand(new DecisionEngine());

    @Property(tries = 60)
    void jsonlOutputEqualsOneDecidePerLine(@ForAll("lines") @Size(min = 1, max = 25) List<String> lines) throws IOException {
        Run all = run(String.join("\n", lines) + "\n", "--jsonl", "-");

        List<String> expected = new ArrayList<>();
        int expectedExit = ExitCode.OK;
        for (int i = 0; i < lines.size(); i++) {
            Run one = run(lines.get(i), "-");
            if (one.exit == ExitCode.OK) {
                expected.add(one.out.strip());
            } else {
                expectedExit = ExitCode.BAD_INPUT;
                assertThat(one.err).startsWith("mailwijs decide: ");
                assertThat(all.err).contains("line " + (i + 1) + ": " + one.err.substring("mailwijs decide: ".length()).strip());
                expected.add(null);
            }
        }
        List<String> answered = all.out.lines().toList();
        assertThat(answered).hasSize(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (expected.get(i) == null) {
                assertThat(answered.get(i)).startsWith("{\"error\":{\"line\":" + (i + 1) + ",");
            } else {
                assertThat(answered.get(i)).isEqualTo(expected.get(i));
            }
        }
        assertThat(all.exit).isEqualTo(expectedExit);
    }

    @Provide
    Arbitrary<List<String>> lines() {
        Arbitrary<String> valid = Arbitraries.of(SCENARIOS);
        Arbitrary<String> shifted = Arbitraries.of(SCENARIOS).flatMap(request -> Arbitraries.integers().between(2019, 2029)
                .map(year -> request.replace("2026-11-23T10:00:00Z", year + "-06-15T08:30:00Z")));
        Arbitrary<String> broken = Arbitraries.of(SCENARIOS).flatMap(request -> Arbitraries.of(
                request.replace("\"EMAIL\"", "\"FAX\""),
                request.replace("\"legalName\"", "\"legal_name\""),
                request.substring(0, request.length() / 2),
                request.replace("\"2026-11-23T10:00:00Z\"", "\"23-11-2026\""),
                "not json at all"));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, valid),
                net.jqwik.api.Tuple.of(3, shifted),
                net.jqwik.api.Tuple.of(1, broken)).list();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(String input, String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = decide.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> scenarioRequests() {
        return ScenarioFiles.requestLines();
    }
}
