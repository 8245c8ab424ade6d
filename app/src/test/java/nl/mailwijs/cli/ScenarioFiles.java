package nl.mailwijs.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The copied public scenarios, for tests that drive the command line. */
final class ScenarioFiles {

    private ScenarioFiles() {
    }

    static List<Path> all() {
        try {
            Path folder = Path.of(ScenarioFiles.class.getResource("/scenarios").toURI());
            try (Stream<Path> files = Files.list(folder)) {
                return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each scenario's request as one compact JSON line. */
    static List<String> requestLines() {
        return all().stream().map(ScenarioFiles::requestLine).toList();
    }

    static String requestLine(Path scenario) {
        try {
            String text = Files.readString(scenario, StandardCharsets.UTF_8);
            return nl.mailwijs.decisionjson.TestJson.requestLineOf(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
