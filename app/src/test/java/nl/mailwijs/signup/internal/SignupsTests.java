package nl.mailwijs.signup.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.delivery.MessageBuilder;
import nl.mailwijs.delivery.SmtpRelay;
import nl.mailwijs.delivery.SmtpSender;
import nl.mailwijs.delivery.SmtpSettings;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.evidence.ConsentEvidence;
import nl.mailwijs.evidence.EvidenceRecord;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.platform.BulkWrites;
import nl.mailwijs.platform.ServerSecrets;
import nl.mailwijs.settings.SettingsChange;
import nl.mailwijs.settings.SettingsStore;
import nl.mailwijs.signup.ConsentText;
import nl.mailwijs.signup.ConsentTextDraft;
import nl.mailwijs.signup.ConsentTextVersion;
import nl.mailwijs.signup.ConsentTexts;
import nl.mailwijs.signup.NewSignupForm;
import nl.mailwijs.signup.SignupForm;
import nl.mailwijs.signup.SignupForms;
import nl.mailwijs.signup.VersionInUseException;
import nl.mailwijs.testing.OffsetClock;
import nl.mailwijs.testing.TestDatabase;

/** Consent texts, forms and double opt-in on H2 and PostgreSQL, with the mail going to a real SMTP server. */
class SignupsTests {

    private static final Pattern LINK = Pattern.compile("/f/confirm/([A-Za-z0-9_-]{43})");

    private GreenMail smtp;
    private SmtpSender sender;
    private Signups signups;

    private record Fixture(JdbcClient jdbc, DataSourceTransactionManager transactions, OffsetClock clock, ConsentTexts texts,
                           SignupForms forms, Signups signups, Contacts contacts, Ledger ledger) {
    }

    private Fixture fixture(TestDatabase database) {
        DataSource dataSource = database.fresh();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        var transactions = new DataSourceTransactionManager(dataSource);
        OffsetClock clock = new OffsetClock();
        BulkWrites bulk = new BulkWrites(dataSource);
        Contacts contacts = new Contacts(jdbc, transactions, clock, bulk);
        Ledger ledger = new Ledger(jdbc, transactions, clock, contacts, bulk);
        SettingsStore settings = new SettingsStore(jdbc, clock);
        settings.change(new SettingsChange("Fotostudio Jansen B.V.", "Fotostudio Jansen", "12345678", "Kerkstraat 1, Utrecht", "NL", null, null,
                null, null), "test");
        ConsentTexts texts = new ConsentTexts(jdbc, transactions, clock);
        SignupForms forms = new SignupForms(jdbc, transactions, clock, texts, settings);
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        sender = new SmtpSender(SmtpSettings.of(List.of(SmtpRelay.plain("127.0.0.1", smtp.getSmtp().getPort()))));
        signups = new Signups(jdbc, transactions, clock, texts, contacts, ledger, settings, new MessageBuilder(clock), Optional.empty(), sender,
                new ServerSecrets(jdbc, clock), SignupProperties.defaults(), "https://mailwijs.example");
        return new Fixture(jdbc, transactions, clock, texts, forms, signups, contacts, ledger);
    }

    @AfterEach
    void stop() {
        if (signups != null) {
            signups.close();
        }
        if (sender != null) {
            sender.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static ConsentTextDraft newsletter(String wording) {
        return new ConsentTextDraft(wording, "nl", List.of(new ConsentTextVersion.Topic("nieuws", "Nieuws over de studio"),
                new ConsentTextVersion.Topic("acties", "Acties en kortingen")), Set.of(Channel.EMAIL));
    }

    private static SignupForm form(Fixture f, ConsentText text) {
        return f.forms().create(new NewSignupForm("Nieuwsbrief", null, text.id(), null, null, null, "nieuws@fotostudio-jansen.nl", null, null,
                "Welkom!"));
    }

    private static Signups.Submission submission(String email, String... topics) {
        return new Signups.Submission(email, "Anna de Vries", List.of(topics), false, null, "192.0.2.10", "SignupBrowser/1.0",
                "https://fotostudio-jansen.example/aanmelden");
    }

    /** The pending sign-up's id from the link in the newest mail to this address. */
    private long linkFor(Fixture f, int mails) {
        assertThat(smtp.waitForIncomingEmail(10_000, mails)).as("mail " + mails + " arrived").isTrue();
        String body = GreenMailUtil.getWholeMessage(smtp.getReceivedMessages()[mails - 1]).replace("=\r\n", "");
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        return f.signups().tokens().verify(link.group(1)).orElseThrow().pendingId();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aVersionMayChangeUntilAFormShowsItAndIsFixedFromThenOn(TestDatabase database) {
        Fixture f = fixture(database);
        ConsentText text = f.texts().create("Nieuwsbrief", newsletter("Ja, ik wil e-mail over:"));
        ConsentTextVersion edited = f.texts().updateVersion(text.id(), 1, newsletter("Ja, ik wil graag e-mail over:"));
        assertThat(edited.wording()).isEqualTo("Ja, ik wil graag e-mail over:");
        assertThat(edited.used()).isFalse();

        SignupForm form = form(f, text);
        assertThat(f.texts().version(text.id(), 1).used()).isTrue();
        assertThatThrownBy(() -> f.texts().updateVersion(text.id(), 1, newsletter("Iets anders")))
                .isInstanceOf(VersionInUseException.class).hasMessageContaining("POST /api/v1/consent-texts/" + text.id() + "/versions");
        assertThat(f.texts().version(text.id(), 1).wording()).isEqualTo("Ja, ik wil graag e-mail over:");

        ConsentTextVersion second = f.texts().addVersion(text.id(), newsletter("Ja, stuur mij e-mail over:"));
        assertThat(second.version()).isEqualTo(2);
        assertThat(f.texts().require(text.id()).versions()).extracting(ConsentTextVersion::version).containsExactly(1, 2);
        assertThat(f.forms().require(form.id()).consentTextVersionId()).as("the form keeps its version").isEqualTo(edited.id());
        assertThat(f.forms().byKey(form.formKey())).contains(form);
        assertThat(f.forms().byKey("does-not-exist")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aFormRefusesATextForOtherChannelsAndATextRefusesATopicTwice(TestDatabase database) {
        Fixture f = fixture(database);
        ConsentText sms = f.texts().create("Sms", new ConsentTextDraft("Ja, sms mij.", "nl", List.of(), Set.of(Channel.SMS)));
        assertThatThrownBy(() -> form(f, sms)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("EMAIL only");
        assertThatThrownBy(() -> f.texts().create("Dubbel", new ConsentTextDraft("Ja.", "nl", List.of(new ConsentTextVersion.Topic("Nieuws", null),
                new ConsentTextVersion.Topic(" nieuws ", null)), Set.of(Channel.EMAIL))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("topics[1].topic");
        assertThatThrownBy(() -> f.texts().create("Leeg", new ConsentTextDraft("Ja.", "nl", List.of(), Set.of())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("channels");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aConfirmedSignUpIsOneConsentWithEveryFieldOfBothSteps(TestDatabase database) throws Exception {
        Fixture f = fixture(database);
        SignupForm form = form(f, f.texts().create("Nieuwsbrief", newsletter("Ja, ik wil e-mail over:")));
        assertThat(f.signups().submit(form, submission("Anna@Example.NL", "acties", "nieuws"))).isEqualTo(Signups.Outcome.CONFIRMATION_SENT);
        long pendingId = linkFor(f, 1);
        assertThat(f.contacts().findByAddress(Channel.EMAIL, "anna@example.nl")).as("no contact before confirming").isEmpty();

        f.clock().advance(Duration.ofMinutes(5));
        // A double click: two confirmations at once record one consent.
        List<Signups.Confirmation> outcomes = new ArrayList<>();
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            List<Future<Signups.Confirmation>> clicks = List.of(
                    two.submit(() -> f.signups().confirm(pendingId, "2001:db8::7", "ConfirmBrowser/2.0")),
                    two.submit(() -> f.signups().confirm(pendingId, "2001:db8::7", "ConfirmBrowser/2.0")));
            for (Future<Signups.Confirmation> click : clicks) {
                outcomes.add(click.get());
            }
        }
        assertThat(outcomes).containsExactlyInAnyOrder(Signups.Confirmation.CONFIRMED, Signups.Confirmation.ALREADY_CONFIRMED);

        Signups.Pending pending = f.signups().pending(pendingId).orElseThrow();
        assertThat(pending.state()).isEqualTo(Signups.State.CONFIRMED);
        Contact contact = f.contacts().find(pending.contactId()).orElseThrow();
        assertThat(contact.name()).isEqualTo("Anna de Vries");
        assertThat(contact.country()).isEqualTo("NL");
        List<EvidenceRecord> records = f.ledger().recordsOf(contact.id());
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().id()).isEqualTo(pending.evidenceRecordId());
        ConsentEvidence consent = (ConsentEvidence) records.getFirst().content();
        assertThat(consent.method()).isEqualTo(ConsentMethod.DOUBLE_OPT_IN);
        assertThat(consent.topics()).containsExactly("acties", "nieuws");
        assertThat(consent.channels()).containsExactly(Channel.EMAIL);
        assertThat(consent.givenAt()).isEqualTo(pending.submittedAt());
        assertThat(consent.confirmedAt()).isEqualTo(pending.confirmedAt()).isAfter(consent.givenAt().plus(Duration.ofMinutes(4)));
        assertThat(consent.capture().confirmationSentAt()).isNotNull().isAfterOrEqualTo(consent.givenAt()).isBefore(consent.confirmedAt());
        assertThat(consent.capture()).extracting(ConsentEvidence.Capture::address, ConsentEvidence.Capture::source,
                        ConsentEvidence.Capture::ipAddress, ConsentEvidence.Capture::userAgent, ConsentEvidence.Capture::confirmedIpAddress,
                        ConsentEvidence.Capture::confirmedUserAgent)
                .containsExactly("Anna@example.nl", "https://fotostudio-jansen.example/aanmelden", "192.0.2.10", "SignupBrowser/1.0",
                        "2001:db8::7", "ConfirmBrowser/2.0");
        ConsentTextVersion version = f.texts().versionById(form.consentTextVersionId()).orElseThrow();
        assertThat(consent.wording().version()).isEqualTo(version.versionLabel());
        assertThat(consent.wording().text()).isEqualTo("Ja, ik wil e-mail over:\n[ ] Nieuws over de studio\n[ ] Acties en kortingen");
        assertThat(f.ledger().evidenceOf(contact.id()).consents().getFirst().confirmedAt()).isNotNull();

        // A later sign-up of the same address lands on the same contact.
        f.clock().advance(Duration.ofMinutes(11));
        f.signups().submit(form, submission("anna@example.nl", "nieuws"));
        long second = linkFor(f, 2);
        assertThat(f.signups().confirm(second, "192.0.2.11", "Other/1")).isEqualTo(Signups.Confirmation.CONFIRMED);
        assertThat(f.signups().pending(second).orElseThrow().contactId()).isEqualTo(contact.id());
        assertThat(f.ledger().recordsOf(contact.id())).hasSize(2);
        assertThat(f.ledger().verify().intact()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void oneMailPerAddressPerWindowAndADeclinedOrExpiredSignUpIsNeverAConsent(TestDatabase database) {
        Fixture f = fixture(database);
        SignupForm form = form(f, f.texts().create("Nieuwsbrief", newsletter("Ja, ik wil e-mail over:")));
        assertThat(f.signups().submit(form, submission("jan@example.nl", "nieuws"))).isEqualTo(Signups.Outcome.CONFIRMATION_SENT);
        assertThat(f.signups().submit(form, submission("JAN@example.nl", "acties"))).isEqualTo(Signups.Outcome.HELD_BACK);
        long declined = linkFor(f, 1);
        assertThat(f.signups().decline(declined)).isEqualTo(Signups.Confirmation.DECLINED);
        assertThat(f.signups().confirm(declined, "192.0.2.1", "x")).isEqualTo(Signups.Confirmation.DECLINED);

        f.clock().advance(Duration.ofMinutes(10));
        assertThat(f.signups().submit(form, submission("jan@example.nl", "nieuws"))).isEqualTo(Signups.Outcome.CONFIRMATION_SENT);
        long expired = linkFor(f, 2);
        f.clock().advance(Duration.ofHours(72));
        assertThat(f.signups().confirm(expired, "192.0.2.1", "x")).isEqualTo(Signups.Confirmation.EXPIRED);
        assertThat(f.jdbc().sql("SELECT COUNT(*) FROM evidence_record").query(Long.class).single()).isZero();

        Signups.Submission bot = new Signups.Submission("bot@example.nl", null, List.of("nieuws"), false, "http://spam.example", "192.0.2.66",
                "bot", null);
        assertThat(f.signups().submit(form, bot)).isEqualTo(Signups.Outcome.IGNORED);
        assertThatThrownBy(() -> f.signups().submit(form, submission("piet@example.nl"))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("topics: no box was ticked");

        // Unconfirmed sign-ups, and so their addresses, are forgotten 30 days after they expired.
        f.clock().advance(Duration.ofDays(30));
        assertThat(f.signups().forgetExpired()).isEqualTo(2);
        assertThat(f.jdbc().sql("SELECT COUNT(*) FROM signup_pending").query(Long.class).single()).isZero();
        assertThat(f.jdbc().sql("SELECT COUNT(*) FROM signup_mail_guard").query(Long.class).single()).isZero();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aConfirmationMailThatCouldNotBeSentDoesNotHoldTheAddressBack(TestDatabase database) throws Exception {
        Fixture f = fixture(database);
        SignupForm form = form(f, f.texts().create("Nieuwsbrief", newsletter("Ja, ik wil e-mail over:")));
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (SmtpSender nowhere = new SmtpSender(SmtpSettings.of(List.of(SmtpRelay.plain("127.0.0.1", closedPort)))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2)));
             Signups failing = new Signups(f.jdbc(), f.transactions(), f.clock(), f.texts(), f.contacts(), f.ledger(),
                     new SettingsStore(f.jdbc(), f.clock()), new MessageBuilder(f.clock()), Optional.empty(), nowhere,
                     new ServerSecrets(f.jdbc(), f.clock()), SignupProperties.defaults(), "https://mailwijs.example")) {
            assertThat(failing.submit(form, submission("kees@example.nl", "nieuws"))).isEqualTo(Signups.Outcome.CONFIRMATION_SENT);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (f.jdbc().sql("SELECT COUNT(*) FROM signup_mail_guard").query(Long.class).single() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(f.jdbc().sql("SELECT COUNT(*) FROM signup_mail_guard").query(Long.class).single()).as("guard released").isZero();
            assertThat(f.jdbc().sql("SELECT COUNT(*) FROM signup_pending WHERE confirmation_sent_at IS NULL").query(Long.class).single())
                    .isEqualTo(1);
        }
        assertThat(f.signups().submit(form, submission("kees@example.nl", "nieuws"))).as("at once, through a working relay")
                .isEqualTo(Signups.Outcome.CONFIRMATION_SENT);
        linkFor(f, 1);
    }
}
