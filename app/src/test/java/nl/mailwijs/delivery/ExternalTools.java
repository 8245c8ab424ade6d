package nl.mailwijs.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Tools outside the JVM that some delivery tests use; .ci/run installs them. */
final class ExternalTools {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    private ExternalTools() {
    }

    /**
     * Aborts the test (reported as skipped, with the reason printed) when Debian's python3-dkim
     * is missing, unless MAILWIJS_REQUIRE_TOOLS is set: then it fails.
     */
    static void requirePythonDkim() throws IOException, InterruptedException {
        String missing = null;
        if (!Files.isExecutable(PYTHON)) {
            missing = PYTHON + " is missing";
        } else {
            Process process = new ProcessBuilder(PYTHON.toString(), "-c", "import dkim").redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                missing = "python3-dkim is not installed";
            }
        }
        if (missing == null) {
            return;
        }
        String reason = missing + "; install it with 'apt-get install python3-dkim' (.ci/run does)";
        if (System.getenv("MAILWIJS_REQUIRE_TOOLS") != null) {
            Assertions.fail(reason + " (MAILWIJS_REQUIRE_TOOLS is set)");
        }
        System.out.println("Skipping DKIM verification: " + reason);
        Assumptions.abort(reason);
    }
}
