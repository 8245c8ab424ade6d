package nl.mailwijs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.mailwijs.decisionjson.TestJson;

/** `decide` through the real entry point, bin/mailwijs, as a user runs it. */
class DecideCommandLineTests {

    @TempDir
    Path folder;

    @Test
    void decidesARequestFileAndExitsZero() throws Exception {
        Path request = write("p06.json", scenario("p06-soft-opt-in"));

        Result result = mailwijs(null, "decide", request.toString());

        assertThat(result.exit).isZero();
        assertThat(result.err).isEmpty();
        Map<?, ?> decision = (Map<?, ?>) TestJson.parse(result.out);
        assertThat(decision.get("verdict")).isEqualTo("ALLOW");
        assertThat(decision.get("basis")).isEqualTo("SOFT_OPT_IN");
        assertThat(decision.get("basisValidUntil")).isEqualTo("2028-01-12T00:00:00Z");
    }

    @Test
    void readsStandardInputForADash() throws Exception {
        Result result = mailwijs(scenario("p11-objected"), "decide", "-");

        assertThat(result.exit).isZero();
        assertThat(result.out).contains("\"denial\":\"OBJECTED\"");
    }

    @Test
    void aFileWithAByteOrderMarkIsRead() throws Exception {
        Path request = folder.resolve("bom.json");
        Files.write(request, ("\uFEFF" + scenario("p01-consent-checkbox")).getBytes(StandardCharsets.UTF_8));

        assertThat(mailwijs(null, "decide", request.toString()).exit).isZero();
    }

    @Test
    void reasonsAreInEnglishWithLangEn() throws Exception {
        Result result = mailwijs(scenario("p10-quote-only"), "decide", "--lang", "en", "-");

        assertThat(result.out).contains("No soft opt-in: a quote is not a sale.");
    }

    @Test
    void reasonsAreInDutchByDefault() throws Exception {
        Result result = mailwijs(scenario("p10-quote-only"), "decide", "-");

        assertThat(result.out).contains("Geen soft opt-in: een offerte is geen verkoop.");
    }

    @Test
    void prettyIndents() throws Exception {
        Result result = mailwijs(scenario("p12-service-message"), "decide", "--pretty", "-");

        assertThat(result.out).startsWith("{\n  \"verdict\": \"ALLOW\",\n");
    }

    @Test
    void aBadEnumValueExitsTwoWithOneLineNamingTheField() throws Exception {
        Result result = mailwijs(scenario("p01-consent-checkbox").replace("\"NATURAL_PERSON\"", "\"PERSON\""), "decide", "-");

        assertThat(result.exit).isEqualTo(2);
        assertThat(result.out).isEmpty();
        assertThat(result.err.lines()).containsExactly(
                "mailwijs decide: recipient.kind: 'PERSON' is not one of NATURAL_PERSON, LEGAL_ENTITY");
    }

    @Test
    void badRequestsNeverShowAStackTrace() throws Exception {
        String request = scenario("p01-consent-checkbox");
        for (String bad : List.of(
                request.replace("\"legalName\"", "\"name\""),
                request.replace("\"2026-11-23T10:00:00Z\"", "\"2026-02-30\""),
                request.replace("\"sendAt\":\"2026-11-23T10:00:00Z\",", ""),
                request.substring(0, 40),
                "")) {
            Result result = mailwijs(bad, "decide", "-");

            assertThat(result.exit).as(bad).isEqualTo(2);
            assertThat(result.err.lines()).as(bad).hasSize(1);
            assertThat(result.err).as(bad).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        Result result = mailwijs(null, "decide", folder.resolve("nope.json").toString());

        assertThat(result.exit).isEqualTo(2);
        assertThat(result.err).contains("nope.json").contains("no such file");
    }

    @Test
    void jsonlAnswersEachLineInOrderAndReportsABadLineWithItsNumber() throws Exception {
        String input = String.join("\n",
                line("p01-consent-checkbox"),
                line("p02-consent-preticked").replace("\"PRETICKED_CHECKBOX\"", "\"TICKED\""),
                line("p11-objected")) + "\n";

        Result result = mailwijs(input, "decide", "--jsonl", "-");

        assertThat(result.exit).isEqualTo(2);
        List<String> lines = result.out.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("\"basis\":\"CONSENT\"");
        assertThat(lines.get(1)).startsWith("{\"error\":{\"line\":2,\"field\":\"evidence.consents[0].method\"");
        assertThat(lines.get(2)).contains("\"denial\":\"OBJECTED\"");
        assertThat(result.err.lines()).containsExactly(
                "mailwijs decide: line 2: evidence.consents[0].method: 'TICKED' is not one of UNTICKED_CHECKBOX, DOUBLE_OPT_IN, "
                        + "WRITTEN, VERBAL, PRETICKED_CHECKBOX, TERMS_AND_CONDITIONS, IMPORTED");
    }

    @Test
    void jsonlFailFastStopsAtTheFirstBadLine() throws Exception {
        String input = line("p01-consent-checkbox") + "\n{oops\n" + line("p11-objected") + "\n";

        Result result = mailwijs(input, "decide", "--jsonl", "--fail-fast", "-");

        assertThat(result.exit).isEqualTo(2);
        assertThat(result.out.lines()).hasSize(1);
        assertThat(result.err).startsWith("mailwijs decide: line 2: invalid JSON");
    }

    @Test
    void jsonlOfAllScenariosGivesTheExpectedOutcomes() throws Exception {
        List<String> lines = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (Path scenario : ScenarioFiles.all()) {
            lines.add(ScenarioFiles.requestLine(scenario));
            Map<?, ?> expect = (Map<?, ?>) ((Map<?, ?>) TestJson.parse(Files.readString(scenario))).get("expect");
            expected.add(expect.get("verdict") + "/" + (expect.get("verdict").equals("ALLOW") ? expect.get("basis") : expect.get("denial")));
        }
        Path file = write("all.jsonl", String.join("\n", lines) + "\n");

        Result result = mailwijs(null, "decide", "--jsonl", file.toString());

        assertThat(result.exit).isZero();
        List<String> outcomes = result.out.lines().map(line -> {
            Map<?, ?> decision = (Map<?, ?>) TestJson.parse(line);
            Object code = decision.get("verdict").equals("ALLOW") ? decision.get("basis") : decision.get("denial");
            return decision.get("verdict") + "/" + code;
        }).toList();
        assertThat(outcomes).containsExactlyElementsOf(expected);
    }

    @Test
    void commandLineMistakesExitTwoWithAHint() throws Exception {
        assertThat(mailwijs(null, "decide", "--lang", "de", "-").err).contains("--lang must be nl or en");
        assertThat(mailwijs(null, "decide", "--jsonl", "--pretty", "-").err).contains("--pretty cannot be used with --jsonl");
        assertThat(mailwijs(null, "decide", "--frobnicate", "-").err).contains("unknown option --frobnicate");
        assertThat(mailwijs(null, "decide").err).contains("give one request file");
        assertThat(mailwijs(null, "bogus").exit).isEqualTo(2);
        assertThat(mailwijs(null).exit).isEqualTo(2);
    }

    @Test
    void helpExitsZero() throws Exception {
        Result result = mailwijs(null, "decide", "--help");

        assertThat(result.exit).isZero();
        assertThat(result.out).contains("Usage: mailwijs decide");
    }

    // --- helpers

    private record Result(int exit, String out, String err) {
    }

    private Result mailwijs(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home().resolve("bin/mailwijs").toString());
        command.addAll(List.of(args));
        Path out = folder.resolve("stdout-" + System.nanoTime());
        Path err = folder.resolve("stderr-" + System.nanoTime());
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process = builder.start();
        if (stdin != null) {
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/mailwijs did not finish within 120 s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    static Path home() {
        return Path.of(System.getProperty("mailwijs.home", "..")).toAbsolutePath().normalize();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }

    private static String scenario(String name) {
        return line(name);
    }

    private static String line(String name) {
        return ScenarioFiles.all().stream()
                .filter(path -> path.getFileName().toString().equals(name + ".json"))
                .findFirst()
                .map(ScenarioFiles::requestLine)
                .orElseThrow();
    }
}
