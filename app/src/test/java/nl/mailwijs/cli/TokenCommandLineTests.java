package nl.mailwijs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `token create`, `list` and `revoke` through bin/mailwijs on an embedded database. */
class TokenCommandLineTests {

    @TempDir
    Path data;

    @Test
    void createListAndRevoke() throws Exception {
        Run created = mailwijs("token", "create", "--scope", "write", "--name", "web shop");
        assertThat(created.exit).isZero();
        assertThat(created.out.strip()).startsWith("mw_").hasSize(46);
        assertThat(created.err).contains("shown only now");

        assertThat(mailwijs("token", "list").out).contains("1\twrite\tweb shop\t").contains("active").doesNotContain(created.out.strip());

        Run revoked = mailwijs("token", "revoke", "1");
        assertThat(revoked.exit).isZero();
        assertThat(mailwijs("token", "list").out).contains("revoked");
        assertThat(mailwijs("token", "revoke", "1").exit).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(mailwijs("token", "create", "--scope", "admin").err).contains("--scope must be read or write");
    }

    private record Run(int exit, String out, String err) {
    }

    private Run mailwijs(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(DecideCommandLineTests.home().resolve("bin/mailwijs").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--data", data.toString()));
        Path out = Files.createTempFile(data, "out", ".txt");
        Path err = Files.createTempFile(data, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
