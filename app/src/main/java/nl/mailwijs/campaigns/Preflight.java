package nl.mailwijs.campaigns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.mailwijs.campaigns.internal.CampaignsSql;
import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.ContactAddress;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.content.ContentCheck;
import nl.mailwijs.content.ContentChecker;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.decisions.ContactsWithEvidence;
import nl.mailwijs.engine.DecisionEngine;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Verdict;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.DecisionRequest;
import nl.mailwijs.engine.request.Message;
import nl.mailwijs.engine.request.Recipient;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.platform.BulkWrites;
import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsStore;
import nl.mailwijs.suppressions.Suppression;
import nl.mailwijs.suppressions.Suppressions;

/**
 * Asks the engine about every recipient of a campaign before it is sent, and keeps each answer
 * with the campaign version it was made for. Contacts are read in pages in id order with their
 * evidence ({@link ContactsWithEvidence}, a page ahead on a thread of its own), decided in memory,
 * and their decisions written with one bulk insert per page, all in one transaction.
 */
@Service
public class Preflight {

    /** Examples kept per basis and per denial. */
    public static final int SAMPLES = 3;
    static final int PAGE = ContactsWithEvidence.PAGE;
    static final Duration LAPSING = Duration.ofDays(30);
    private static final List<String> DECISION_COLUMNS = List.of("campaign_id", "campaign_version", "contact_id", "address", "verdict",
            "basis", "denial", "deciding_rules", "evidence_records", "basis_valid_until", "settings_version", "decided_at");

    private final Campaigns campaigns;
    private final Contacts contacts;
    private final Ledger ledger;
    private final SettingsStore settings;
    private final ContentChecker checker;
    private final BulkWrites bulk;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Suppressions suppressions;
    private final ContactsWithEvidence reader;
    private final DecisionEngine engine = new DecisionEngine();
    private final JsonMapper json = JsonMapper.builder().build();

    public Preflight(Campaigns campaigns, Contacts contacts, Ledger ledger, SettingsStore settings, ContentChecker checker, BulkWrites bulk,
                     JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, Suppressions suppressions,
                     ContactsWithEvidence reader) {
        this.campaigns = campaigns;
        this.contacts = contacts;
        this.ledger = ledger;
        this.settings = settings;
        this.checker = checker;
        this.bulk = bulk;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.suppressions = suppressions;
        this.reader = reader;
    }

    /**
     * Decides for every recipient of the campaign's current version, now. Run again on a draft,
     * it replaces that version's decisions; a campaign that went out keeps the ones it was sent on.
     */
    public PreflightReport run(long campaignId) {
        // One transaction under the campaign's row lock: all of a pre-flight's decisions or none, and two
        // processes pre-flighting one campaign at once take turns instead of mixing their rows.
        return transaction.execute(status -> {
            jdbc.sql(CampaignsSql.LOCK_CAMPAIGN).param("id", campaignId).query(Long.class).optional()
                    .orElseThrow(() -> new UnknownCampaignException("there is no campaign " + campaignId));
            return runLocked(campaignId);
        });
    }

    private PreflightReport runLocked(long campaignId) {
        long started = System.nanoTime();
        Campaign campaign = campaigns.require(campaignId);
        if (campaign.state() == CampaignState.SCHEDULED) {
            throw new CampaignStateException(CampaignProblem.SCHEDULED, "campaign " + campaignId + " is scheduled, on the pre-flight it has; to pre-flight it again, "
                    + "unschedule it first (POST /api/v1/campaigns/" + campaignId + "/unschedule)");
        }
        if (campaign.state() != CampaignState.DRAFT) {
            throw new CampaignStateException(CampaignProblem.NOT_A_DRAFT, "campaign " + campaignId + " is " + campaign.state()
                    + "; its pre-flight is the one it was sent on, and is kept", campaign.state());
        }
        SenderSettings sender = settings.current().orElseThrow(() -> new InvalidRequestException("", CampaignProblem.NO_SETTINGS,
                "there are no sender settings yet: PUT /api/v1/settings with at least legalName and country"));
        ContentCheck content = checker.preflight(campaigns.compile(campaign, sender), sender);
        Audience audience = campaigns.audienceOf(campaign);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        OffsetDateTime nowColumn = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        Message message = new Message(campaign.purpose(), campaign.topics(), campaign.containsPromotion(), now, null);
        // Made once: building the policy per recipient was a tenth of a million-recipient pre-flight.
        nl.mailwijs.engine.request.Sender from = sender.sender();
        nl.mailwijs.engine.request.Policy policy = sender.policy();
        // Address suppressions (bounces) are not the engine's: reported beside its decisions, and their messages stopped at send time.
        Tally tally = new Tally(now, suppressions.allInForce());

        jdbc.sql(CampaignsSql.DELETE_DECISIONS_OF_VERSION).param("id", campaignId).param("version", campaign.version()).update();
        // Only e-mail addresses are read, unless the audience asks which channels a contact has.
        try (ContactsWithEvidence.Pages pages = reader.readAll(audience.needsEveryChannel() ? null : Channel.EMAIL,
                contact -> firstEmail(contact) != null)) {
            decideAll(pages, campaign, campaignId, audience, now, nowColumn, message, from, policy, sender, tally);
        }
        return finish(campaign, campaignId, sender, now, nowColumn, content, tally, started);
    }

    private void decideAll(ContactsWithEvidence.Pages pages, Campaign campaign, long campaignId, Audience audience, Instant now,
                           OffsetDateTime nowColumn, Message message, nl.mailwijs.engine.request.Sender from, nl.mailwijs.engine.request.Policy policy,
                           SenderSettings sender, Tally tally) {
        while (true) {
            ContactsWithEvidence.Page next = pages.next();
            if (next == null) {
                break;
            }
            List<Contact> withEmail = next.contacts();
            Map<Long, Ledger.ContactEvidence> evidence = next.evidence();
            List<Object[]> rows = new ArrayList<>(withEmail.size());
            for (Contact contact : withEmail) {
                Ledger.ContactEvidence found = evidence.get(contact.id());
                if (!audience.matches(contact, found.evidence(), now)) {
                    continue;
                }
                ContactAddress address = firstEmail(contact);
                Recipient recipient = new Recipient(contact.kind(), contact.country(), Channel.EMAIL, address.address(),
                        contact.publishedForOffers());
                Decision decision = engine.decide(new DecisionRequest(from, recipient, found.evidence(), message, policy));
                tally.count(contact, address.address(), decision, campaign.language());
                String records = decision.evidenceUsed().stream()
                        .map(id -> found.recordIdsByEngineId().get(id))
                        .filter(java.util.Objects::nonNull)
                        .map(String::valueOf)
                        .collect(Collectors.joining(","));
                rows.add(new Object[] {campaignId, campaign.version(), contact.id(), address.address(), decision.verdict().name(),
                        decision.basis() == null ? null : decision.basis().name(), decision.denial() == null ? null : decision.denial().name(),
                        String.join(",", decision.decidingRules()), truncate(records, 2_000),
                        decision.basisValidUntil() == null ? null : OffsetDateTime.ofInstant(decision.basisValidUntil(), ZoneOffset.UTC),
                        sender.version(), nowColumn});
            }
            bulk.insert("campaign_decision", DECISION_COLUMNS, rows);
        }
    }

    private PreflightReport finish(Campaign campaign, long campaignId, SenderSettings sender, Instant now, OffsetDateTime nowColumn,
                                   ContentCheck content, Tally tally, long started) {
        PreflightReport report = new PreflightReport(campaignId, campaign.version(), sender.version(), now, tally.recipients, tally.allowed,
                tally.denied, tally.allowedByBasis, tally.deniedByDenial, tally.samples, tally.lapsing, tally.lapsingSamples,
                tally.suppressed, tally.suppressedByReason, tally.suppressedSamples, content.passed(),
                content.findings().stream().map(finding -> finding.text(campaign.language())).toList(),
                (System.nanoTime() - started) / 1_000_000);
        jdbc.sql(CampaignsSql.RECORD_PREFLIGHT)
                .param("id", campaignId)
                .param("version", campaign.version())
                .param("settings", sender.version())
                .param("now", nowColumn)
                .param("report", json.writeValueAsString(report))
                .update();
        return report;
    }

    /**
     * How many contacts with an e-mail address the audience selects now, before the law has its
     * say: the recipients a pre-flight with this audience would decide for. It reads every
     * contact in pages as a pre-flight does (their evidence only when a filter needs it), and
     * decides and stores nothing.
     */
    public long audienceSize(Audience audience) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        boolean needsEvidence = audience.needsEvidence();
        nl.mailwijs.engine.request.Evidence none = new nl.mailwijs.engine.request.Evidence(List.of(), List.of(), List.of(), List.of());
        long selected = 0;
        long after = 0;
        while (true) {
            List<Contact> page = contacts.after(after, PAGE, audience.needsEveryChannel() ? null : Channel.EMAIL);
            if (page.isEmpty()) {
                return selected;
            }
            after = page.getLast().id();
            List<Contact> withEmail = page.stream().filter(contact -> firstEmail(contact) != null).toList();
            Map<Long, Ledger.ContactEvidence> evidence = needsEvidence
                    ? ledger.evidenceOfAll(withEmail.stream().map(Contact::id).toList()) : Map.of();
            for (Contact contact : withEmail) {
                Ledger.ContactEvidence found = evidence.get(contact.id());
                if (audience.matches(contact, found == null ? none : found.evidence(), now)) {
                    selected++;
                }
            }
        }
    }

    /** The last pre-flight of the campaign's current version, if there is one. */
    public java.util.Optional<PreflightReport> lastReport(long campaignId) {
        return jdbc.sql(CampaignsSql.PREFLIGHT_REPORT).param("id", campaignId).query(String.class).optional()
                .map(text -> json.readValue(text, PreflightReport.class));
    }

    /** The contact's first e-mail address, or null; a plain loop, as it runs for every contact. */
    private static ContactAddress firstEmail(Contact contact) {
        for (ContactAddress address : contact.addresses()) {
            if (address.channel() == Channel.EMAIL) {
                return address;
            }
        }
        return null;
    }

    private static String truncate(String text, int max) {
        // A decision relies on a handful of records; a contact with thousands keeps the first ones here, all in the ledger.
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(',', max);
        return text.substring(0, cut < 0 ? max : cut);
    }

    private static final class Tally {
        final Instant lapsingBefore;
        long recipients;
        long allowed;
        long denied;
        long lapsing;
        final Map<String, Long> allowedByBasis = new TreeMap<>();
        final Map<String, Long> deniedByDenial = new TreeMap<>();
        final Map<String, List<PreflightReport.Sample>> samples = new LinkedHashMap<>();
        final List<PreflightReport.Sample> lapsingSamples = new ArrayList<>();
        final Map<String, Suppression> suppressions;
        long suppressed;
        final Map<String, Long> suppressedByReason = new TreeMap<>();
        final List<PreflightReport.Sample> suppressedSamples = new ArrayList<>();

        Tally(Instant now, Map<String, Suppression> suppressions) {
            this.lapsingBefore = now.plus(LAPSING);
            this.suppressions = suppressions;
        }

        void count(Contact contact, String address, Decision decision, nl.mailwijs.engine.decision.Language language) {
            recipients++;
            String key;
            if (decision.verdict() == Verdict.ALLOW) {
                allowed++;
                key = decision.basis().name();
                allowedByBasis.merge(key, 1L, Long::sum);
                if (!suppressions.isEmpty()) {
                    countSuppressed(contact, address, language);
                }
            } else {
                denied++;
                key = decision.denial().name();
                deniedByDenial.merge(key, 1L, Long::sum);
            }
            List<PreflightReport.Sample> kept = samples.computeIfAbsent(key, k -> new ArrayList<>());
            boolean lapses = decision.verdict() == Verdict.ALLOW && decision.basisValidUntil() != null
                    && decision.basisValidUntil().isBefore(lapsingBefore);
            if (lapses) {
                lapsing++;
            }
            if (kept.size() < SAMPLES || (lapses && lapsingSamples.size() < SAMPLES)) {
                PreflightReport.Sample sample = new PreflightReport.Sample(contact.id(), contact.name(), address, decision.verdict().name(),
                        key, decision.basisValidUntil(), decision.reasons().stream()
                                .filter(reason -> decision.decidingRules().contains(reason.rule()))
                                .map(reason -> reason.text(language))
                                .collect(Collectors.joining(" ")));
                if (kept.size() < SAMPLES) {
                    kept.add(sample);
                }
                if (lapses && lapsingSamples.size() < SAMPLES) {
                    lapsingSamples.add(sample);
                }
            }
        }

        /** An allowed recipient whose address is suppressed: counted apart, as an exclusion that is not the engine's. */
        private void countSuppressed(Contact contact, String address, nl.mailwijs.engine.decision.Language language) {
            Suppression suppression = Suppressions.addressKey(address).map(suppressions::get).orElse(null);
            if (suppression == null) {
                return;
            }
            suppressed++;
            suppressedByReason.merge(suppression.reason().name(), 1L, Long::sum);
            if (suppressedSamples.size() < SAMPLES) {
                suppressedSamples.add(new PreflightReport.Sample(contact.id(), contact.name(), address, PreflightReport.EXCLUDED,
                        PreflightReport.ADDRESS_SUPPRESSED, null, suppression.explanation(language.name().toLowerCase(java.util.Locale.ROOT))));
            }
        }
    }
}
