package nl.mailwijs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mailwijs erase CONTACT_ID` through bin/mailwijs on an embedded database: erased once, its objection kept as a suppression. */
class EraseCommandLineTests {

    @TempDir
    Path data;

    @Test
    void erasesAContactKeepingItsObjectionAndRefusesTheSecondTime() throws Exception {
        Path contacts = Files.writeString(data.resolve("contacts.csv"), "contact_id;email;name\nK-1;jan@example.nl;Jan Jansen\n");
        Path objections = Files.writeString(data.resolve("objections.csv"),
                "contact_id,objection_id,at,channels,topics,via\nK-1,b-1,2025-12-28T04:54:00Z,ALL,,LETTER\n");
        assertThat(mailwijs("import", "--contacts", contacts.toString(), "--objections", objections.toString()).exit).isZero();

        Run erased = mailwijs("erase", "1");

        assertThat(erased.exit).as(erased.err).isZero();
        assertThat(erased.out).startsWith("{\"contactId\":1,\"erasedAt\":\"").contains("\"erasedRecords\":1", "\"suppressions\":1");
        Run again = mailwijs("erase", "1");
        assertThat(again.exit).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(again.err).contains("there is no contact 1, or it was erased before");
        assertThat(mailwijs("erase", "Jan").err).contains("give one contact id");
        assertThat(mailwijs("erase", "--help").out).contains("GDPR art. 17");
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
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
