package nl.mailwijs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `audit` through the real entry point, on the messy export the README shows. */
class AuditCommandLineTests {

    @TempDir
    Path folder;

    @Test
    void auditsTheExampleExportReportsEachRejectedRowAndExitsThree() throws Exception {
        Path home = DecideCommandLineTests.home();
        Path report = folder.resolve("report.csv");
        Path out = folder.resolve("stdout");
        Path err = folder.resolve("stderr");
        Process process = new ProcessBuilder(home.resolve("bin/mailwijs").toString(), "audit",
                "--dir", home.resolve("examples/audit").toString(), "--policy", home.resolve("examples/audit/policy.json").toString(),
                "--legal-name", "Fotostudio Jansen B.V.", "--topics", "photo-prints", "--send-at", "2026-11-23T10:00:00Z",
                "--out", report.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(ExitCode.ROWS_REJECTED);
        List<String> rows = Files.readAllLines(report, StandardCharsets.UTF_8);
        assertThat(rows.getFirst()).isEqualTo("\uFEFFcontact_id;name;address;verdict;basis;denial;deciding_rules;evidence_ids;basis_valid_until;reason");
        assertThat(rows).anyMatch(row -> row.startsWith("K-001;Jeroen van 't Hek;jeroen+nieuwsbrief@voorbeeld.nl;ALLOW;SOFT_OPT_IN;"))
                .anyMatch(row -> row.startsWith("K-003;Fleur de Wit;fleur@dewit.example;DENY;;OBJECTED;NL-AVG-21;"))
                .anyMatch(row -> row.startsWith("K-002;Müller-Öztürk, Aäron;"));
        assertThat(Files.readString(out)).contains("Contacten beoordeeld", "Reden van weigering");
        assertThat(Files.readString(err))
                .contains("purchases.csv:6: date: '31-02-2026' is not a valid date")
                .contains("contacts.csv:6: email: 'anouk@@example.nl' is not an e-mail address")
                .doesNotContain("Exception");
    }
}
