package nl.mailwijs.campaigns;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import nl.mailwijs.apijson.JsonObjectFields;
import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.content.CompiledMessage;
import nl.mailwijs.content.MessageRecipient;
import nl.mailwijs.content.RenderedMessage;
import nl.mailwijs.delivery.BuiltMessage;
import nl.mailwijs.delivery.DkimKeyring;
import nl.mailwijs.delivery.DkimSigning;
import nl.mailwijs.delivery.Mailbox;
import nl.mailwijs.delivery.MessageBuilder;
import nl.mailwijs.delivery.OutgoingMessage;
import nl.mailwijs.delivery.SendResult;
import nl.mailwijs.delivery.SmtpSender;
import nl.mailwijs.engine.DecisionEngine;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Verdict;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.DecisionRequest;
import nl.mailwijs.engine.request.Message;
import nl.mailwijs.engine.request.Recipient;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsStore;
import nl.mailwijs.suppression.Suppressions;

/**
 * Sends one claimed batch of the outbox: decides again for every recipient at send time (an
 * objection that arrived while the campaign runs stops that recipient's message), renders,
 * builds, signs when a DKIM key is configured, sends over the pooled SMTP connections, and
 * records every outcome.
 */
@Service
public class OutboxSender {

    /** Messages sent between two records of their outcomes. */
    static final int CHUNK = 20;

    private final Outbox outbox;
    private final Campaigns campaigns;
    private final Contacts contacts;
    private final Ledger ledger;
    private final SettingsStore settings;
    private final MessageBuilder builder;
    private final DkimKeyring dkim;
    private final SmtpSender smtp;
    private final Clock clock;
    private final String publicUrl;
    private final ReturnChannel returns;
    private final nl.mailwijs.suppression.Suppressions suppressions;
    private final DecisionEngine engine = new DecisionEngine();
    private final Map<String, CompiledMessage> compiled = new ConcurrentHashMap<>();

    public OutboxSender(Outbox outbox, Campaigns campaigns, Contacts contacts, Ledger ledger, SettingsStore settings, MessageBuilder builder,
                        DkimKeyring dkim, SmtpSender smtp, Clock clock,
                        @Value("${mailwijs.public-url:http://localhost:${server.port:8080}}") String publicUrl, ReturnChannel returns,
                        nl.mailwijs.suppression.Suppressions suppressions) {
        this.outbox = outbox;
        this.campaigns = campaigns;
        this.contacts = contacts;
        this.ledger = ledger;
        this.settings = settings;
        this.builder = builder;
        this.dkim = dkim;
        this.smtp = smtp;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.returns = returns;
        this.suppressions = suppressions;
    }

    /** The one-click and footer link of a recipient's token. */
    private String linkOf(String token) {
        return publicUrl + "/u/" + token;
    }

    /**
     * Claims up to {@code limit} due messages and sends them.
     *
     * @return how many were claimed (0: nothing is due)
     */
    public int sendBatch(String worker, int limit) {
        long claimedAt = System.nanoTime();
        List<OutboxRow> rows = outbox.claim(worker, limit);
        if (rows.isEmpty()) {
            return 0;
        }
        Map<Long, List<OutboxRow>> byCampaign = new LinkedHashMap<>();
        rows.forEach(row -> byCampaign.computeIfAbsent(row.campaignId(), id -> new ArrayList<>()).add(row));
        for (Map.Entry<Long, List<OutboxRow>> campaignRows : byCampaign.entrySet()) {
            Campaign campaign = campaigns.require(campaignRows.getKey());
            List<OutboxRow> claimed = campaignRows.getValue();
            // Outcomes are recorded per chunk: what a process that dies mid-batch has sent but not recorded
            // (and so sends again after its lease) is at most one chunk per worker.
            // The recipients' contacts and evidence are read once per batch (a fraction of a second old when the
            // last chunk goes out), not once per chunk: a query per 20 messages was most of the sending time.
            Batch batch = prepare(campaign, claimed);
            Map<Long, Long> lastRowOfBatch = new HashMap<>();
            claimed.stream().filter(row -> row.batchId() != null).forEach(row -> lastRowOfBatch.merge(row.batchId(), row.id(), Math::max));
            for (int from = 0; from < claimed.size(); from += CHUNK) {
                List<OutboxRow> held = outbox.held(worker, claimed.subList(from, Math.min(claimed.size(), from + CHUNK)), claimedAt);
                List<Outbox.Outcome> outcomes = send(batch, held);
                Set<Long> ending = new HashSet<>();
                held.stream().filter(row -> row.batchId() != null && lastRowOfBatch.get(row.batchId()) == row.id())
                        .forEach(row -> ending.add(row.batchId()));
                outbox.complete(worker, held, outcomes, ending, claimedAt);
                returns.recordBounces(held, outcomes);
            }
            outbox.finishIfDone(campaign.id());
        }
        return rows.size();
    }

    /** What every chunk of one claimed batch needs: read once. */
    private record Batch(SenderSettings sender, CompiledMessage message, Map<Long, Contact> people,
                         Map<Long, Ledger.ContactEvidence> evidence, Message described, Mailbox from, String listId,
                         nl.mailwijs.engine.request.Sender identity, nl.mailwijs.engine.request.Policy policy, DkimSigning signing,
                         Map<Long, String> suppressed) {
    }

    private Batch prepare(Campaign campaign, List<OutboxRow> rows) {
        SenderSettings sender = settings.current().orElse(null);
        if (sender == null) {
            return new Batch(null, null, Map.of(), Map.of(), null, null, null, null, null, null, Map.of());
        }
        CompiledMessage message = compiled.computeIfAbsent(campaign.id() + "/" + campaign.version() + "/" + sender.version(),
                key -> campaigns.compile(campaign, sender));
        Map<Long, Contact> people = contacts.byIds(rows.stream().map(OutboxRow::contactId).toList());
        // With the suppression list: an address whose erased owner objected is stopped here too.
        Map<Long, Ledger.ContactEvidence> evidence = suppressions.applyTo(ledger.evidenceOfAll(people.keySet()), people.values());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new Batch(sender, message, people, evidence,
                new Message(campaign.purpose(), campaign.topics(), campaign.containsPromotion(), now, null),
                new Mailbox(campaign.fromAddress(), campaign.fromName()), listId(campaign), sender.sender(), sender.policy(),
                dkim.signingFor(campaign.fromAddress()), returns.suppressed(rows));
    }

    private List<Outbox.Outcome> send(Batch batch, List<OutboxRow> rows) {
        List<Outbox.Outcome> outcomes = new ArrayList<>(rows.size());
        if (rows.isEmpty()) {
            return outcomes;
        }
        if (batch.sender() == null) {
            rows.forEach(row -> outcomes.add(new Outbox.Deferred(row.id(), row.attempts(), 0, "there are no sender settings")));
            return outcomes;
        }
        CompiledMessage message = batch.message();
        Map<Long, Contact> people = batch.people();
        Map<Long, Ledger.ContactEvidence> evidence = batch.evidence();
        Message described = batch.described();
        Mailbox from = batch.from();
        String listId = batch.listId();
        List<BuiltMessage> built = new ArrayList<>(rows.size());
        Map<String, OutboxRow> byMessageId = new HashMap<>();
        DkimSigning signing = batch.signing();
        nl.mailwijs.engine.request.Sender identity = batch.identity();
        nl.mailwijs.engine.request.Policy policy = batch.policy();
        for (OutboxRow row : rows) {
            Contact contact = people.get(row.contactId());
            if (contact == null) {
                outcomes.add(new Outbox.Stopped(row.id(), "the contact no longer exists"));
                continue;
            }
            String suppressed = batch.suppressed().get(row.id());
            if (suppressed != null) {
                outcomes.add(new Outbox.Stopped(row.id(), suppressed));
                continue;
            }
            Recipient recipient = new Recipient(contact.kind(), contact.country(), Channel.EMAIL, row.address(), contact.publishedForOffers());
            Decision decision = engine.decide(new DecisionRequest(identity, recipient, evidence.get(contact.id()).evidence(), described,
                    policy));
            if (decision.verdict() != Verdict.ALLOW) {
                outcomes.add(new Outbox.Stopped(row.id(), "denied at send time: " + decision.denial() + " ("
                        + String.join(", ", decision.decidingRules()) + ")"));
                continue;
            }
            try {
                String token = outbox.token(row.key());
                String unsubscribe = linkOf(token);
                Map<String, String> attributes = attributes(contact);
                RenderedMessage rendered = message.render(new MessageRecipient(firstName(contact, attributes), contact.name(), row.address(),
                        attributes, unsubscribe, decision.basis()));
                BuiltMessage one = builder.build(new OutgoingMessage(from, new Mailbox(row.address(), contact.name()), rendered.subject(),
                        rendered.text(), rendered.html(), listId, unsubscribe, returns.unsubscribeMailto(token, from.address()), token));
                one = signing == null ? one : signing.sign(one);
                built.add(one);
                byMessageId.put(one.messageId(), row);
            } catch (RuntimeException e) {
                // A message that cannot be made for this recipient (a merge value with a line break, an address the builder refuses).
                outcomes.add(new Outbox.Failed(row.id(), 0, "not sent: " + e.getMessage()));
            }
        }
        for (SendResult result : smtp.sendAll(built)) {
            OutboxRow row = byMessageId.get(result.messageId());
            outcomes.add(switch (result.status()) {
                case SENT -> new Outbox.Sent(row.id(), result.messageId(), result.replyCode(), result.replyText());
                case DEFERRED -> new Outbox.Deferred(row.id(), row.attempts(), result.replyCode(), result.replyText());
                case FAILED -> new Outbox.Failed(row.id(), result.replyCode(), result.replyText());
            });
        }
        return outcomes;
    }

    /** RFC 2919: a dot-atom naming the list; one per campaign, at the sender's domain. */
    private static String listId(Campaign campaign) {
        String domain = campaign.fromAddress().substring(campaign.fromAddress().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return "campaign-" + campaign.id() + "." + java.net.IDN.toASCII(domain);
    }

    private static String firstName(Contact contact, Map<String, String> attributes) {
        String stated = attributes.getOrDefault("firstName", attributes.get("first_name"));
        if (stated != null && !stated.isBlank()) {
            return stated;
        }
        if (contact.name() == null || contact.name().isBlank() || contact.kind() != nl.mailwijs.engine.request.RecipientKind.NATURAL_PERSON) {
            return null;
        }
        String name = contact.name().strip();
        int comma = name.indexOf(',');
        // "Müller-Öztürk, Aäron": exports from accounting software put the family name first.
        String given = comma >= 0 ? name.substring(comma + 1).strip() : name;
        return given.isEmpty() ? null : given.split("\\s+", 2)[0];
    }

    private static Map<String, String> attributes(Contact contact) {
        if (contact.attributes() == null || contact.attributes().equals("{}")) {
            return Map.of();
        }
        Map<String, String> values = new HashMap<>();
        JsonObjectFields.tree(contact.attributes().getBytes(StandardCharsets.UTF_8)).properties()
                .forEach(field -> values.put(field.getKey(), field.getValue().isValueNode() ? field.getValue().asString() : field.getValue().toString()));
        return values;
    }
}
