package nl.mailwijs.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import nl.mailwijs.campaigns.RecipientHistory;
import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.decisions.DecisionRecords;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.evidence.EvidenceRecord;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.notifications.Notification;
import nl.mailwijs.notifications.Notifications;
import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsStore;
import nl.mailwijs.suppression.Suppression;
import nl.mailwijs.suppressions.Suppressions;

/**
 * Gathers everything Mailwijs holds and did for one e-mail address, from the modules' own read
 * methods: the page shows it and the download writes it as one JSON file, the document a business
 * hands the ACM (or the person, under AVG 15) when asked.
 */
@Component
@ConditionalOnWebApplication
class Dossiers {

    /** More bounces or suppressions than this for one address are not kept apart in the dossier. */
    static final int BOUNCES_SHOWN = 500;

    private final Contacts contacts;
    private final Ledger ledger;
    private final DecisionRecords decisions;
    private final RecipientHistory campaigns;
    private final Suppressions bounces;
    private final nl.mailwijs.suppression.Suppressions suppressionList;
    private final Notifications notifications;
    private final SettingsStore settings;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    Dossiers(Contacts contacts, Ledger ledger, DecisionRecords decisions, RecipientHistory campaigns, Suppressions bounces,
             nl.mailwijs.suppression.Suppressions suppressionList, Notifications notifications, SettingsStore settings, Clock clock) {
        this.contacts = contacts;
        this.ledger = ledger;
        this.decisions = decisions;
        this.campaigns = campaigns;
        this.bounces = bounces;
        this.suppressionList = suppressionList;
        this.notifications = notifications;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Everything for one address.
     *
     * @param address            as look-ups compare it: in lower case, the domain as its A-label
     * @param erasureSuppressions entries of the suppression list whose keyed hash matches the address
     */
    public record Dossier(String address, Instant compiledAt, String compiledBy, SenderSettings sender, List<Contact> contacts,
                   List<EvidenceRecord> evidence, List<DecisionRecords.StoredDecision> decisions,
                   List<RecipientHistory.CampaignDecision> campaignDecisions, List<RecipientHistory.SentMessage> messages,
                   List<Suppressions.StoredBounce> bounces, List<nl.mailwijs.suppressions.Suppression> suppressions,
                   List<Suppression> erasureSuppressions, List<Notification> notifications) {

        public List<Long> contactIds() {
            return contacts.stream().map(Contact::id).toList();
        }

        public boolean empty() {
            return contacts.isEmpty() && bounces.isEmpty() && suppressions.isEmpty() && erasureSuppressions.isEmpty() && notifications.isEmpty();
        }
    }

    /**
     * @throws nl.mailwijs.decisionjson.InvalidRequestException ({@code address}) when it is no e-mail address
     */
    Dossier of(String address, String compiledBy) {
        // The form look-ups compare: lower case, the domain as its A-label.
        String asked = Contacts.addressKey("address", Channel.EMAIL, address == null ? "" : address.strip());
        List<Contact> found = contacts.findByAddress(Channel.EMAIL, asked);
        List<Long> ids = found.stream().map(Contact::id).toList();
        List<EvidenceRecord> evidence = new ArrayList<>();
        ids.forEach(id -> evidence.addAll(ledger.recordsOf(id)));
        return new Dossier(asked, clock.instant(), compiledBy, settings.current().orElse(null), found, evidence, decisions.decisionsOf(ids),
                campaigns.decisionsFor(ids), campaigns.messagesTo(ids), bounces.bounces(asked, 0, BOUNCES_SHOWN),
                bounces.list(asked, true, 0, BOUNCES_SHOWN), suppressionList.of(Channel.EMAIL, asked), notifications.about(ids, asked));
    }

    /** The dossier as one JSON document; evidence content and stored decisions as the JSON they are stored as. */
    byte[] toJson(Dossier dossier) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("address", dossier.address());
        document.put("compiledAt", dossier.compiledAt());
        document.put("compiledBy", dossier.compiledBy());
        document.put("sender", dossier.sender() == null ? null : sender(dossier.sender()));
        document.put("contacts", dossier.contacts());
        document.put("evidence", dossier.evidence().stream().map(this::evidence).toList());
        document.put("decisions", dossier.decisions().stream().map(this::decision).toList());
        document.put("campaignDecisions", dossier.campaignDecisions());
        document.put("messages", dossier.messages());
        document.put("bounces", dossier.bounces());
        document.put("suppressions", dossier.suppressions());
        document.put("erasureSuppressions", dossier.erasureSuppressions().stream().map(Dossiers::erasureSuppression).toList());
        document.put("notifications", dossier.notifications());
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
    }

    private static Map<String, Object> sender(SenderSettings sender) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("settingsVersion", sender.version());
        fields.put("legalName", sender.legalName());
        fields.put("tradeName", sender.tradeName());
        fields.put("kvkNumber", sender.kvkNumber());
        fields.put("postalAddress", sender.postalAddress());
        fields.put("country", sender.country());
        fields.put("objectionAddress", sender.objectionAddress());
        return fields;
    }

    private Map<String, Object> evidence(EvidenceRecord record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", record.id());
        fields.put("contactId", record.contactId());
        fields.put("kind", record.kind());
        fields.put("externalId", record.externalId());
        fields.put("recordedAt", record.recordedAt());
        fields.put("supersedes", record.supersedes());
        fields.put("content", json.readTree(record.contentJson()));
        fields.put("previousHash", record.previousHash());
        fields.put("hash", record.hash());
        return fields;
    }

    private Map<String, Object> decision(DecisionRecords.StoredDecision decision) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", decision.id());
        fields.put("contactId", decision.contactId());
        fields.put("channel", decision.channel());
        fields.put("address", decision.address());
        fields.put("sendAt", decision.sendAt());
        fields.put("settingsVersion", decision.settingsVersion());
        fields.put("verdict", decision.verdict());
        fields.put("basis", decision.basis());
        fields.put("denial", decision.denial());
        fields.put("rules", decision.rules());
        fields.put("evidenceRecords", decision.evidenceRecords());
        fields.put("decidedAt", decision.decidedAt());
        fields.put("decision", json.readTree(decision.decisionJson()));
        return fields;
    }

    private static Map<String, Object> erasureSuppression(Suppression entry) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", entry.id());
        fields.put("evidenceId", entry.evidenceId());
        fields.put("cause", entry.cause());
        fields.put("allChannels", entry.allChannels());
        fields.put("channels", entry.channels());
        fields.put("topics", entry.topics());
        fields.put("objectedAt", entry.objectedAt());
        fields.put("via", entry.via());
        fields.put("createdAt", entry.createdAt());
        return fields;
    }

    /** The address as a file name: letters, digits, dot and dash kept, anything else an underscore. */
    static String fileName(Dossier dossier) {
        String safe = dossier.address().replaceAll("[^A-Za-z0-9.-]", "_");
        if (safe.length() > 100) {
            safe = safe.substring(0, 100);
        }
        return "mailwijs-dossier-" + safe + "-" + dossier.compiledAt().atZone(Times.SHOWN_IN).toLocalDate() + ".json";
    }
}
