package nl.mailwijs.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.NewContact;
import nl.mailwijs.content.ContentChecker;
import nl.mailwijs.content.MessageComposer;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.PurchaseEvidence;
import nl.mailwijs.platform.BulkWrites;
import nl.mailwijs.platform.ServerSecrets;
import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsChange;
import nl.mailwijs.settings.SettingsStore;
import nl.mailwijs.testing.MutableClock;
import nl.mailwijs.testing.TestDatabase;

/**
 * Scheduling on H2 and PostgreSQL with a clock the test moves: only a campaign whose current
 * pre-flight passed the content check is scheduled; at its time it is queued once, as "send now"
 * would, also with several processes looking at once; a schedule that no longer fits its
 * campaign is voided, not sent.
 */
class CampaignSchedulerTests {

    private static final Instant START = Instant.parse("2026-11-24T12:00:00Z");

    /** What one Mailwijs process holds: its own services over the shared database. */
    private record Process(Campaigns campaigns, Preflight preflight, Outbox outbox, CampaignScheduler scheduler) {
    }

    private record Fixture(JdbcClient jdbc, MutableClock clock, SettingsStore settings, Process process, DataSource dataSource) {

        Process anotherProcess() {
            return CampaignSchedulerTests.process(dataSource, clock);
        }

        SenderSettings sender() {
            return settings.current().orElseThrow();
        }

        long draft(String name) {
            return process.campaigns().create(new CampaignDraft(name, Purpose.COMMERCIAL, List.of("photo-prints"), null,
                    "nieuws@fotostudio-jansen.nl", "Fotostudio Jansen", "Afdrukken", null, null, "Deze maand 20% korting.", null, null, null),
                    sender()).id();
        }

        Campaign campaign(long id) {
            return process.campaigns().require(id);
        }

        long outboxRows(long campaign) {
            return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE campaign_id = :id").param("id", campaign).query(Long.class).single();
        }
    }

    private static Process process(DataSource dataSource, MutableClock clock) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        var transactions = new DataSourceTransactionManager(dataSource);
        BulkWrites bulk = new BulkWrites(dataSource);
        Contacts contacts = new Contacts(jdbc, transactions, clock, bulk);
        Ledger ledger = new Ledger(jdbc, transactions, clock, contacts, bulk);
        MessageComposer composer = new MessageComposer();
        Campaigns campaigns = new Campaigns(jdbc, clock, composer);
        Preflight preflight = new Preflight(campaigns, contacts, ledger, new SettingsStore(jdbc, clock), new ContentChecker(), bulk, jdbc,
                transactions, clock, new nl.mailwijs.suppressions.Suppressions(jdbc, transactions, clock, 5, java.time.Duration.ofDays(30)),
                new nl.mailwijs.decisions.ContactsWithEvidence(contacts, ledger,
                        new nl.mailwijs.suppression.Suppressions(jdbc, transactions, clock, new ServerSecrets(jdbc, clock), event -> { })));
        Outbox outbox = new Outbox(jdbc, new JdbcTemplate(dataSource), transactions, campaigns, bulk, clock, new ServerSecrets(jdbc, clock));
        return new Process(campaigns, preflight, outbox, new CampaignScheduler(jdbc, campaigns, preflight, outbox, clock, transactions));
    }

    /** A studio with three customers who bought portraits in September: a soft opt-in for photo prints. */
    private static Fixture fixture(TestDatabase database) {
        DataSource dataSource = database.fresh();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        MutableClock clock = new MutableClock(START);
        var transactions = new DataSourceTransactionManager(dataSource);
        BulkWrites bulk = new BulkWrites(dataSource);
        Contacts contacts = new Contacts(jdbc, transactions, clock, bulk);
        Ledger ledger = new Ledger(jdbc, transactions, clock, contacts, bulk);
        SettingsStore settings = new SettingsStore(jdbc, clock);
        settings.change(new SettingsChange("Fotostudio Jansen B.V.", "Fotostudio Jansen", "12345678", "Kerkstraat 1, 1234 AB Utrecht", "NL",
                null, Map.of("portrait-photography", List.of("photo-prints")), null, null), "test");
        for (int i = 1; i <= 3; i++) {
            long contact = contacts.create(new NewContact(RecipientKind.NATURAL_PERSON, "NL", "Klant " + i, "k-" + i, List.of(), null,
                    List.of(new NewContact.NewAddress(Channel.EMAIL, "klant" + i + "@example.nl")))).contact().id();
            ledger.append(contact, new PurchaseEvidence("o-" + i, Instant.parse("2026-09-01T10:00:00Z"), List.of("portrait-photography"),
                    Proof.INVOICE, null, true, true));
        }
        return new Fixture(jdbc, clock, settings, process(dataSource, clock), dataSource);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aCampaignIsScheduledOnlyWithACurrentPreflightWhoseContentCheckPassed(TestDatabase database) {
        Fixture f = fixture(database);
        CampaignScheduler scheduler = f.process().scheduler();
        long campaign = f.draft("December");
        Instant sendAt = START.plus(Duration.ofHours(20));

        assertThatThrownBy(() -> scheduler.schedule(campaign, sendAt)).isInstanceOf(CampaignStateException.class)
                .hasMessageContaining("has no pre-flight");
        f.process().preflight().run(campaign);
        // The footer is written by Mailwijs, so a real pre-flight passes; this one is made to have found it missing.
        f.jdbc().sql("UPDATE campaign SET preflight_report = REPLACE(REPLACE(preflight_report, '\"contentPassed\":true', "
                + "'\"contentPassed\":false'), '\"contentFindings\":[]', '\"contentFindings\":[\"the objection link is missing\"]')").update();
        assertThatThrownBy(() -> scheduler.schedule(campaign, sendAt)).isInstanceOf(CampaignStateException.class)
                .hasMessageContaining("its content lacks what the law asks: the objection link is missing");
        assertThat(f.campaign(campaign).state()).isEqualTo(CampaignState.DRAFT);

        f.process().preflight().run(campaign);
        assertThatThrownBy(() -> scheduler.schedule(campaign, START.minusSeconds(1))).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("sendAt: ").hasMessageContaining("is not in the future");
        assertThatThrownBy(() -> scheduler.schedule(campaign, START.plus(Duration.ofDays(400))))
                .hasMessageStartingWith("sendAt: ").hasMessageContaining("more than a year ahead");

        Campaign scheduled = scheduler.schedule(campaign, sendAt);
        assertThat(scheduled.state()).isEqualTo(CampaignState.SCHEDULED);
        assertThat(scheduled.sendAt()).isEqualTo(sendAt);
        assertThat(scheduled.scheduledVersion()).isEqualTo(scheduled.version());
        Campaign moved = scheduler.schedule(campaign, sendAt.plus(Duration.ofHours(1)));
        assertThat(moved.sendAt()).as("rescheduled").isEqualTo(sendAt.plus(Duration.ofHours(1)));

        assertThatThrownBy(() -> f.process().outbox().queue(campaign, f.process().preflight()))
                .as("send now while scheduled").isInstanceOf(CampaignStateException.class);
        assertThat(f.outboxRows(campaign)).isZero();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void whenItsTimeComesTheCampaignIsQueuedOnceAsSendingNowWould(TestDatabase database) {
        Fixture f = fixture(database);
        CampaignScheduler scheduler = f.process().scheduler();
        long campaign = f.draft("December");
        f.process().preflight().run(campaign);
        scheduler.schedule(campaign, START.plus(Duration.ofHours(1)));

        assertThat(scheduler.queueDue()).as("not yet").isZero();
        f.clock().advance(Duration.ofMinutes(59));
        assertThat(scheduler.queueDue()).as("a minute early").isZero();
        assertThat(f.campaign(campaign).state()).isEqualTo(CampaignState.SCHEDULED);
        assertThat(f.outboxRows(campaign)).isZero();

        f.clock().advance(Duration.ofMinutes(1));
        assertThat(scheduler.queueDue()).isEqualTo(1);
        Campaign sending = f.campaign(campaign);
        assertThat(sending.state()).isEqualTo(CampaignState.SENDING);
        assertThat(sending.sendAt()).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(f.outboxRows(campaign)).isEqualTo(3);
        assertThat(f.process().outbox().progress(campaign).queued()).isEqualTo(3);

        f.clock().advance(Duration.ofHours(1));
        assertThat(scheduler.queueDue()).as("queued once").isZero();
        assertThat(f.outboxRows(campaign)).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aScheduledCampaignIsChangedOnlyAfterItIsUnscheduledAndThenNeedsANewPreflightAndSchedule(TestDatabase database) {
        Fixture f = fixture(database);
        CampaignScheduler scheduler = f.process().scheduler();
        long campaign = f.draft("December");
        f.process().preflight().run(campaign);
        scheduler.schedule(campaign, START.plus(Duration.ofHours(1)));
        CampaignDraft changed = new CampaignDraft("December", Purpose.COMMERCIAL, List.of("photo-prints"), null,
                "nieuws@fotostudio-jansen.nl", null, "Afdrukken, nu 25%", null, null, "Deze maand 25% korting.", null, null, null);

        assertThatThrownBy(() -> f.process().campaigns().update(campaign, changed, f.sender())).isInstanceOf(CampaignStateException.class)
                .hasMessageContaining("unschedule it first");
        assertThatThrownBy(() -> f.process().preflight().run(campaign)).isInstanceOf(CampaignStateException.class)
                .hasMessageContaining("unschedule it first");
        assertThatThrownBy(() -> scheduler.unschedule(campaign + 1000)).isInstanceOf(UnknownCampaignException.class);

        Campaign draft = scheduler.unschedule(campaign);
        assertThat(draft.state()).isEqualTo(CampaignState.DRAFT);
        assertThat(draft.sendAt()).isNull();
        assertThatThrownBy(() -> scheduler.unschedule(campaign)).isInstanceOf(CampaignStateException.class);
        Campaign edited = f.process().campaigns().update(campaign, changed, f.sender());
        assertThatThrownBy(() -> scheduler.schedule(campaign, START.plus(Duration.ofHours(1)))).as("the old pre-flight was of version 1")
                .hasMessageContaining("version " + edited.version() + " has no pre-flight");

        f.clock().advance(Duration.ofHours(2));
        assertThat(scheduler.queueDue()).as("unscheduled: nothing goes out").isZero();
        assertThat(f.outboxRows(campaign)).isZero();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aScheduleMadeForAnotherVersionIsVoidedAndSaysWhyInsteadOfSending(TestDatabase database) {
        Fixture f = fixture(database);
        CampaignScheduler scheduler = f.process().scheduler();
        long campaign = f.draft("December");
        f.process().preflight().run(campaign);
        scheduler.schedule(campaign, START.plus(Duration.ofHours(1)));
        // An edit that bypassed the refusal (an older Mailwijs, a hand-made UPDATE): the pre-flight and schedule are of version 1.
        f.jdbc().sql("UPDATE campaign SET version = version + 1, subject = 'Anders' WHERE id = :id").param("id", campaign).update();

        f.clock().advance(Duration.ofHours(1));
        assertThat(scheduler.queueDue()).isZero();

        Campaign voided = f.campaign(campaign);
        assertThat(voided.state()).isEqualTo(CampaignState.DRAFT);
        assertThat(voided.sendAt()).isNull();
        assertThat(voided.scheduleVoided()).startsWith("the schedule for")
                .contains("made for version 1", "now version 2", "pre-flight and schedule the new version");
        assertThat(voided.scheduleVoidedCode()).as("the code the pages show it by").isEqualTo(CampaignProblem.VERSION_CHANGED);
        assertThat(f.outboxRows(campaign)).isZero();
        assertThat(scheduler.queueDue()).isZero();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void severalProcessesLookingAtOnceQueueEachDueCampaignOnce(TestDatabase database) throws Exception {
        Fixture f = fixture(database);
        List<Long> campaigns = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long campaign = f.draft("Campagne " + i);
            f.process().preflight().run(campaign);
            f.process().scheduler().schedule(campaign, START.plus(Duration.ofMinutes(10 + i)));
            campaigns.add(campaign);
        }
        f.clock().advance(Duration.ofHours(1));
        List<Process> processes = List.of(f.process(), f.anotherProcess(), f.anotherProcess());
        AtomicInteger queued = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(processes.size() * 2);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < processes.size() * 2; t++) {
            Process process = processes.get(t % processes.size());
            done.add(threads.submit(() -> {
                for (int round = 0; round < 5; round++) {
                    queued.addAndGet(process.scheduler().queueDue());
                }
            }));
        }
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertThat(queued).hasValue(4);
        for (long campaign : campaigns) {
            assertThat(f.campaign(campaign).state()).isEqualTo(CampaignState.SENDING);
            assertThat(f.outboxRows(campaign)).isEqualTo(3);
        }
    }
}
