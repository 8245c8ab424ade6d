package nl.mailwijs.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import nl.mailwijs.MailwijsApplication;
import nl.mailwijs.audit.AuditFile;
import nl.mailwijs.content.BodyFormat;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.imports.ImportSource;
import nl.mailwijs.imports.Importer;
import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsChange;
import nl.mailwijs.settings.SettingsStore;

/**
 * Crash safety with real processes, and two processes sharing one campaign. First: {@code bin/mailwijs send} is killed with SIGKILL at random
 * moments while it sends a 20,000-recipient campaign into a real SMTP server, and started again
 * until it is done. Every allowed recipient gets the message; only messages that were on the wire
 * when a process died may arrive twice, and the test reports how many did.
 */
class SendCrashCommandLineTests {

    static final int RECIPIENTS = 20_000;
    static final int KILLS = 3;

    @TempDir
    Path data;

    private GreenMail smtp;
    private Path errorFile;
    /** Short in the crash test, so a killed process's claims come free soon; the default elsewhere. */
    private String lease = "5m";

    @AfterEach
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void killedAtRandomWhileSendingAndRestartedEveryRecipientGetsTheCampaign() throws Exception {
        long campaign = prepare(RECIPIENTS, "--mailwijs.data-dir=" + data.toAbsolutePath());
        lease = "5s";
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        int port = smtp.getSmtp().getPort();
        Random random = new Random(20261130L);

        int kills = 0;
        int runs = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        while (true) {
            assertThat(System.nanoTime()).as("the campaign did not finish in 8 minutes").isLessThan(deadline);
            runs++;
            Process send = mailwijs(List.of("--data", data.toString()), "send", String.valueOf(campaign), "--relay", "127.0.0.1:" + port,
                    "--workers", "4");
            if (kills < KILLS) {
                // Somewhere in the run: after a part of the messages has arrived.
                int received = smtp.getReceivedMessages().length;
                int target = received + 1_000 + random.nextInt(4_000);
                long waitUntil = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (send.isAlive() && smtp.getReceivedMessages().length < target && System.nanoTime() < waitUntil) {
                    Thread.sleep(200);
                }
                if (send.isAlive()) {
                    send.destroyForcibly();
                    assertThat(send.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    kills++;
                    System.out.printf("send crash test: killed run %d with %d messages received, %d of them repeats%n", runs,
                            smtp.getReceivedMessages().length, repeats(smtp));
                    // The killed process's claims are leased for 5 s (MAILWIJS_SENDING_LEASE); after that anyone may take them.
                    Thread.sleep(5_500);
                    continue;
                }
            }
            assertThat(send.waitFor(300, TimeUnit.SECONDS)).as("send run " + runs + " did not end").isTrue();
            String out = new String(send.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.printf("send crash test: run %d ended (exit %d) with %d messages received, %d of them repeats%n", runs,
                    send.exitValue(), smtp.getReceivedMessages().length, repeats(smtp));
            if (send.exitValue() == 0) {
                assertThat(out).contains("SENT", "20,000 sent");
                break;
            }
            assertThat(send.exitValue()).as("send run " + runs + ": " + out + Files.readString(errorFile)).isEqualTo(3);
            // Rows claimed by a killed process whose lease had not run out yet: wait, and run again.
            Thread.sleep(5_500);
        }

        Map<String, Integer> perRecipient = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            perRecipient.merge(message.getRecipients(Message.RecipientType.TO)[0].toString().replaceAll(".*<|>.*", ""), 1, Integer::sum);
        }
        long twice = perRecipient.values().stream().filter(n -> n > 1).count();
        System.out.printf("send crash test: %d runs, %d kills, %d messages received for %d recipients, %d recipients got it twice"
                + " (in flight when a process was killed)%n", runs, kills, smtp.getReceivedMessages().length, perRecipient.size(), twice);
        assertThat(kills).isEqualTo(KILLS);
        assertThat(perRecipient).hasSize(RECIPIENTS);
        // In flight at a kill: what four workers had sent of their current chunk, but not yet recorded.
        long extra = smtp.getReceivedMessages().length - (long) RECIPIENTS;
        assertThat(extra).isLessThanOrEqualTo((long) KILLS * 4 * OutboxSender.CHUNK);
    }

    @Test
    void twoProcessesOnOnePostgreSqlShareOneCampaignAndNoRecipientGetsItTwice() throws Exception {
        var dataSource = (org.springframework.jdbc.datasource.DriverManagerDataSource) nl.mailwijs.testing.TestDatabase.POSTGRESQL.fresh();
        String url = dataSource.getUrl();
        int recipients = 10_000;
        long campaign = prepare(recipients, "--spring.datasource.url=" + url, "--spring.datasource.username=" + dataSource.getUsername(),
                "--spring.datasource.password=");
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String relay = "127.0.0.1:" + smtp.getSmtp().getPort();

        List<Process> senders = new ArrayList<>();
        List<Path> errors = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            senders.add(mailwijs(List.of("--database-url", url), "send", String.valueOf(campaign), "--relay", relay, "--workers", "3"));
            errors.add(errorFile);
        }
        for (int i = 0; i < senders.size(); i++) {
            assertThat(senders.get(i).waitFor(300, TimeUnit.SECONDS)).isTrue();
            // 3: it ended while the other still held messages it was sending.
            assertThat(senders.get(i).exitValue()).as(Files.readString(errors.get(i))).isIn(0, 3);
        }

        Map<String, Integer> perRecipient = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            perRecipient.merge(message.getRecipients(Message.RecipientType.TO)[0].toString().replaceAll(".*<|>.*", ""), 1, Integer::sum);
        }
        assertThat(perRecipient).hasSize(recipients);
        assertThat(perRecipient.values()).allMatch(n -> n == 1);
        long claimedBy = JdbcCount.of(dataSource, "SELECT COUNT(DISTINCT claimed_by) FROM outbox");
        System.out.printf("two senders on PostgreSQL: %d messages for %d recipients, claimed by %d workers%n",
                smtp.getReceivedMessages().length, perRecipient.size(), claimedBy);
        assertThat(claimedBy).as("both processes took part").isGreaterThan(3);
    }

    private static final class JdbcCount {
        static long of(javax.sql.DataSource dataSource, String sql) {
            return org.springframework.jdbc.core.simple.JdbcClient.create(dataSource).sql(sql).query(Long.class).single();
        }
    }

    private static long repeats(GreenMail smtp) throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            seen.merge(message.getRecipients(Message.RecipientType.TO)[0].toString(), 1, Integer::sum);
        }
        return seen.values().stream().mapToLong(n -> n - 1).sum();
    }

    /** The database: settings, customers who bought last month, and a campaign to them. */
    private long prepare(int recipients, String... database) throws Exception {
        StringBuilder contacts = new StringBuilder("contact_id,email,name\n");
        StringBuilder purchases = new StringBuilder("contact_id,order_id,date,categories,proof,address_collected_in_sale,objection_offered\n");
        String lastMonth = LocalDate.now(ZoneOffset.UTC).minusMonths(1).toString();
        for (int i = 1; i <= recipients; i++) {
            contacts.append("K").append(i).append(",klant").append(i).append("@example.nl,Klant ").append(i).append('\n');
            purchases.append("K").append(i).append(",o-").append(i).append(',').append(lastMonth).append(",photo-prints,ORDER,ja,ja\n");
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MailwijsApplication.class)
                .web(WebApplicationType.NONE)
                // As arguments: they outrank application.properties (builder properties would not).
                .run(withQuietLogs(database))) {
            SenderSettings settings = context.getBean(SettingsStore.class).change(new SettingsChange("Fotostudio Jansen B.V.", null, "12345678",
                    "Kerkstraat 1, 1234 AB Utrecht", "NL", "privacy@fotostudio-jansen.nl", Map.of(), null, null), "test");
            List<ImportSource> files = new ArrayList<>();
            files.add(new ImportSource(AuditFile.CONTACTS, "contacts.csv", -1, new ByteArrayInputStream(contacts.toString().getBytes(StandardCharsets.UTF_8))));
            files.add(new ImportSource(AuditFile.PURCHASES, "purchases.csv", -1, new ByteArrayInputStream(purchases.toString().getBytes(StandardCharsets.UTF_8))));
            context.getBean(Importer.class).importFiles(files, rejection -> {
                throw new AssertionError(rejection.describe());
            });
            Campaign campaign = context.getBean(Campaigns.class).create(new CampaignDraft("Crash test", Purpose.COMMERCIAL, List.of("photo-prints"),
                    null, "nieuws@fotostudio-jansen.nl", "Fotostudio Jansen", "Uw foto's als afdruk", null, BodyFormat.MARKDOWN,
                    "Beste {{contact.firstName | default: \"klant\"}},\n\nDeze maand korting op afdrukken.", null, Language.NL, null), settings);
            return campaign.id();
        }
    }

    private static Path home() {
        return Path.of(System.getProperty("mailwijs.home", "..")).toAbsolutePath().normalize();
    }

    private static String[] withQuietLogs(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add("--logging.level.root=OFF");
        return all.toArray(String[]::new);
    }

    private Process mailwijs(List<String> database, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home().resolve("bin/mailwijs").toString()));
        command.addAll(List.of(args));
        command.addAll(database);
        errorFile = Files.createTempFile(data, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(errorFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("MAILWIJS_SENDING_LEASE", lease);
        builder.environment().put("MAILWIJS_DATABASE_USER", nl.mailwijs.testing.TestDatabase.POSTGRES_USER);
        return builder.start();
    }
}
