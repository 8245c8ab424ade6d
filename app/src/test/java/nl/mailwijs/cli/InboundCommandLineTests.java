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

/** `inbound parse` through the real entry point, bin/mailwijs, as a user runs it on a mailbox dump. */
class InboundCommandLineTests {

    @TempDir
    Path folder;

    @Test
    void printsOneReportPerFileInOrderAndExitsZero() throws Exception {
        Path hard = corpus("dsn-postfix-user-unknown.eml");
        Path complaint = corpus("arf-yahoo-abuse-redacted.eml");
        Path autoReply = corpus("autoreply-outlook-nl.eml");

        Result result = mailwijs(null, "inbound", "parse", hard.toString(), complaint.toString(), autoReply.toString());

        assertThat(result.exit).isZero();
        assertThat(result.err).isEmpty();
        List<String> lines = result.out.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.getFirst()).isEqualTo("{\"file\":\"" + hard + "\",\"kind\":\"DSN\",\"recipients\":[{\"address\":\"jan.jansen@example.com\","
                + "\"permanent\":true,\"status\":\"5.1.1\",\"diagnostic\":\"unknown user: \\\"jan.jansen\\\"\"}],\"feedbackType\":null,"
                + "\"token\":\"ypeBEsobvcr6wjGzmiPcTaeG7_gUfE5yuYB3ha_uSLs\",\"autoReply\":false,\"problems\":[]}");
        Map<?, ?> arf = (Map<?, ?>) TestJson.parse(lines.get(1));
        assertThat(arf.get("kind")).isEqualTo("ARF");
        assertThat(arf.get("feedbackType")).isEqualTo("abuse");
        Map<?, ?> reply = (Map<?, ?>) TestJson.parse(lines.get(2));
        assertThat(reply.get("kind")).isEqualTo("NOT_A_REPORT");
        assertThat(reply.get("autoReply")).isEqualTo(true);
    }

    @Test
    void readsStandardInputForADash() throws Exception {
        Result result = mailwijs(Files.readString(corpus("qmail-user-unknown.eml")), "inbound", "parse", "-");

        assertThat(result.exit).isZero();
        assertThat(result.out).startsWith("{\"file\":\"-\",\"kind\":\"BOUNCE_OTHER\"").contains("klaas.vos@example.org");
    }

    @Test
    void junkIsReportedWithItsProblemsNotACrash() throws Exception {
        Path junk = Files.write(folder.resolve("junk.eml"), new byte[] {0, 1, 2, (byte) 0xff, '\n', '-', '-', 0});

        Result result = mailwijs(null, "inbound", "parse", junk.toString());

        assertThat(result.exit).isZero();
        assertThat(result.out).contains("\"kind\":\"NOT_A_REPORT\"").contains("NUL bytes");
        assertThat(result.err).isEmpty();
    }

    @Test
    void anUnreadableFileIsNamedOnOneLineTheOthersAreStillReportedAndTheExitIsTwo() throws Exception {
        Path missing = folder.resolve("nope.eml");

        Result result = mailwijs(null, "inbound", "parse", missing.toString(), corpus("yahoo-bounce.eml").toString(), folder.toString());

        assertThat(result.exit).isEqualTo(2);
        assertThat(result.out.lines()).hasSize(1);
        assertThat(result.err.lines()).containsExactly(
                "mailwijs inbound parse: cannot read " + missing + ": no such file",
                "mailwijs inbound parse: cannot read " + folder + ": a directory (give its files, e.g. " + folder + "/*)");
        assertThat(result.err).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void commandLineMistakesExitTwoWithOneLine() throws Exception {
        for (List<String> args : List.of(List.of("inbound"), List.of("inbound", "parse"), List.of("inbound", "frobnicate", "x"),
                List.of("inbound", "parse", "--bogus", "x"))) {
            Result result = mailwijs(null, args.toArray(String[]::new));

            assertThat(result.exit).as(args.toString()).isEqualTo(2);
            assertThat(result.err.lines()).as(args.toString()).hasSize(1);
            assertThat(result.err).as(args.toString()).startsWith("mailwijs: inbound");
        }
    }

    @Test
    void helpExitsZeroAndTheMainHelpNamesTheCommand() throws Exception {
        Result help = mailwijs(null, "inbound", "--help");
        assertThat(help.exit).isZero();
        assertThat(help.out).contains("Usage: mailwijs inbound parse FILE|-");

        assertThat(mailwijs(null, "inbound", "parse", "--help").out).contains("Usage: mailwijs inbound parse");
        assertThat(mailwijs(null, "--help").out).contains("inbound parse");
    }

    // --- helpers

    private record Result(int exit, String out, String err) {
    }

    private static Path corpus(String name) {
        return home().resolve("app/src/test/resources/inbound").resolve(name);
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
}
