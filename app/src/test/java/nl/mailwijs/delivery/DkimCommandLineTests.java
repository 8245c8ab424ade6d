package nl.mailwijs.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import nl.mailwijs.MailwijsApplication;
import nl.mailwijs.testing.TestDatabase;

/**
 * {@code bin/mailwijs dkim} on the embedded database and on PostgreSQL: keys made and imported
 * from the command line, the DNS records it prints, and messages signed with those keys (as the
 * server signs them) verified by dkimpy against exactly those records.
 */
class DkimCommandLineTests {

    @TempDir
    Path data;

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void generateImportListActivateAndTheRecordsPrintedVerifyTheSignatures(TestDatabase database) throws Exception {
        List<String> where;
        String[] springDatabase;
        if (database == TestDatabase.H2) {
            where = List.of("--data", data.toString());
            springDatabase = new String[] {"--mailwijs.data-dir=" + data.toAbsolutePath()};
        } else {
            DriverManagerDataSource dataSource = (DriverManagerDataSource) database.fresh();
            where = List.of("--database-url", dataSource.getUrl());
            springDatabase = new String[] {"--spring.datasource.url=" + dataSource.getUrl(), "--spring.datasource.username=" + dataSource.getUsername(),
                    "--spring.datasource.password="};
        }

        Run rsa = mailwijs(where, "dkim", "generate", "--domain", "fotostudio-jansen.nl", "--selector", "mw2026");
        assertThat(rsa.exit).as(rsa.err).isZero();
        assertThat(rsa.out).contains("name:  mw2026._domainkey.fotostudio-jansen.nl\n", "type:  TXT\n", "value: v=DKIM1; k=rsa; p=MII",
                "zone:  mw2026._domainkey.fotostudio-jansen.nl. IN TXT ( \"v=DKIM1; k=rsa; p=");
        assertThat(rsa.err).contains("DKIM key 1 stored (rsa, 2048 bits)", "then: mailwijs dkim activate 1");

        Run ed25519 = mailwijs(where, "dkim", "generate", "--domain", "fotostudio-jansen.nl", "--selector", "mw2026ed", "--algorithm", "ed25519",
                "--activate");
        assertThat(ed25519.exit).as(ed25519.err).isZero();
        assertThat(ed25519.err).contains("DKIM key 2 stored (ed25519)", "it signs now");

        DkimKeys.Generated elsewhere = DkimKeys.rsa("bakkerij-visser.nl", "shop");
        Path pem = Files.writeString(data.resolve("shop.pem"), elsewhere.privatePem());
        Run imported = mailwijs(where, "dkim", "import", "--domain", "bakkerij-visser.nl", "--selector", "shop", "--key-file", pem.toString());
        assertThat(imported.exit).as(imported.err).isZero();
        assertThat(value(imported.out)).isEqualTo(elsewhere.txtValue());

        Run activated = mailwijs(where, "dkim", "activate", "1");
        assertThat(activated.exit).as(activated.err).isZero();
        assertThat(activated.err).contains("DKIM key 1 (mw2026._domainkey.fotostudio-jansen.nl) signs the messages from fotostudio-jansen.nl now");
        Run listed = mailwijs(where, "dkim", "list");
        assertThat(listed.out.lines()).as("by domain and selector").containsExactly(
                line(listed.out, 3, "bakkerij-visser.nl\tshop\trsa-2048\tinactive\t"),
                line(listed.out, 1, "fotostudio-jansen.nl\tmw2026\trsa-2048\tactive\t"),
                line(listed.out, 2, "fotostudio-jansen.nl\tmw2026ed\ted25519\tactive\t"));
        assertThat(listed.out).doesNotContain("PRIVATE").doesNotContain(elsewhere.privatePem().substring(28, 90));

        // What a server on this database signs with: the keys made above, verified against the records printed above.
        Map<String, String> records = new LinkedHashMap<>();
        records.put("mw2026._domainkey.fotostudio-jansen.nl", value(rsa.out));
        records.put("mw2026ed._domainkey.fotostudio-jansen.nl", value(ed25519.out));
        ExternalTools.requirePythonDkim();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MailwijsApplication.class).web(WebApplicationType.NONE)
                .run(withQuietLogs(springDatabase))) {
            DkimSigning signing = context.getBean(DkimKeyring.class).signingFor("nieuwsbrief@fotostudio-jansen.nl");
            byte[] signed = signing.sign(new MessageBuilder(Clock.systemUTC()).build(MessageBuilderTests.message())).bytes();
            DkimSigningTests.Verification verification = DkimSigningTests.verify(signed, records);
            assertThat(verification.exitCode()).as(verification.output()).isZero();
            assertThat(verification.output()).contains("pass rsa-sha256 fotostudio-jansen.nl", "pass ed25519-sha256 fotostudio-jansen.nl");
        }

        if (database == TestDatabase.POSTGRESQL) {
            // Each run starts a JVM and Spring on a busy machine: what follows does not depend on the database.
            return;
        }
        assertThat(value(mailwijs(where, "dkim", "show", "2").out)).isEqualTo(value(ed25519.out));
        Run taken = mailwijs(where, "dkim", "generate", "--domain", "fotostudio-jansen.nl", "--selector", "MW2026");
        assertThat(taken.exit).isEqualTo(2);
        assertThat(taken.err).contains("selector 'mw2026'", "already");
        Run unknown = mailwijs(where, "dkim", "activate", "99");
        assertThat(unknown.exit).isEqualTo(2);
        assertThat(unknown.err).contains("there is no DKIM key 99");
        assertThat(mailwijs(where, "dkim", "deactivate", "2").exit).isZero();
        assertThat(mailwijs(where, "dkim", "delete", "3").exit).isZero();
        assertThat(mailwijs(where, "dkim", "list").out.lines()).hasSize(2).anyMatch(line -> line.startsWith("2\t") && line.contains("\tinactive\t"));
    }

    @Test
    void aBadCommandLineIsRefusedWithExitCode2BeforeAnyDatabaseIsOpened() throws Exception {
        List<String> where = List.of("--data", data.resolve("never").toString());
        Map<List<String>, String> refused = new LinkedHashMap<>();
        refused.put(List.of("dkim"), "give an action first");
        refused.put(List.of("dkim", "rotate"), "unknown action 'rotate'");
        refused.put(List.of("dkim", "generate", "--selector", "s1"), "--domain is required");
        refused.put(List.of("dkim", "generate", "--domain", "fotostudio-jansen.nl"), "--selector is required");
        refused.put(List.of("dkim", "generate", "--domain", "localhost", "--selector", "s1"), "--domain: 'localhost' is not a valid domain name");
        refused.put(List.of("dkim", "generate", "--domain", "example.nl", "--selector", "s_1"), "--selector: 's_1' is not a DNS label");
        refused.put(List.of("dkim", "generate", "--domain", "example.nl", "--selector", "s1", "--algorithm", "dsa"),
                "--algorithm: must be rsa or ed25519, not 'dsa'");
        refused.put(List.of("dkim", "generate", "--domain", "example.nl", "--selector", "s1", "--size", "4096"), "unknown option --size");
        refused.put(List.of("dkim", "import", "--domain", "example.nl", "--selector", "s1"), "--key-file is required");
        refused.put(List.of("dkim", "import", "--domain", "example.nl", "--selector", "s1", "--key-file", data.resolve("none.pem").toString()),
                "is not a file");
        refused.put(List.of("dkim", "activate"), "give the key's number");
        refused.put(List.of("dkim", "delete", "one"), "give the key's number");
        Files.writeString(data.resolve("not-a-key.pem"), "hello");
        refused.put(List.of("dkim", "import", "--domain", "example.nl", "--selector", "s1", "--key-file", data.resolve("not-a-key.pem").toString()),
                "--key-file: the DKIM key is not a PEM file");
        for (Map.Entry<List<String>, String> call : refused.entrySet()) {
            Run run = mailwijs(where, call.getKey().toArray(String[]::new));
            assertThat(run.exit).as(call.getKey() + ": " + run.err).isEqualTo(2);
            assertThat(run.err).as(call.getKey().toString()).contains(call.getValue()).doesNotContain("Exception");
        }
        assertThat(data.resolve("never")).as("no database was made").doesNotExist();

        Run help = mailwijs(List.of(), "dkim", "--help");
        assertThat(help.exit).isZero();
        assertThat(help.out).startsWith("Usage: mailwijs dkim generate --domain DOMAIN --selector SELECTOR");
        assertThat(mailwijs(List.of(), "help").out).contains("dkim generate");
    }

    private static String value(String printed) {
        Matcher value = Pattern.compile("^value: (.+)$", Pattern.MULTILINE).matcher(printed);
        assertThat(value.find()).as(printed).isTrue();
        return value.group(1);
    }

    /** The line of the listing that starts with this number and these fields (the creation time follows). */
    private static String line(String listing, int number, String fields) {
        return listing.lines().filter(line -> line.startsWith(number + "\t" + fields)).findFirst().orElse(number + "\t" + fields + "...");
    }

    private record Run(int exit, String out, String err) {
    }

    private Run mailwijs(List<String> where, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home().resolve("bin/mailwijs").toString()));
        command.addAll(List.of(args));
        command.addAll(where);
        Path out = Files.createTempFile(data, "out", ".txt");
        Path err = Files.createTempFile(data, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("MAILWIJS_DATABASE_USER", TestDatabase.POSTGRES_USER);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Path home() {
        return Path.of(System.getProperty("mailwijs.home", "..")).toAbsolutePath().normalize();
    }

    private static String[] withQuietLogs(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add("--logging.level.root=OFF");
        return all.toArray(String[]::new);
    }
}
