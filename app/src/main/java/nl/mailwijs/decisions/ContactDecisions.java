package nl.mailwijs.decisions;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.springframework.stereotype.Service;

import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.ContactAddress;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.UnknownContactException;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.decisionjson.IsoTimes;
import nl.mailwijs.engine.DecisionEngine;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.DecisionRequest;
import nl.mailwijs.engine.request.Evidence;
import nl.mailwijs.engine.request.Message;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.Recipient;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsStore;
import nl.mailwijs.suppression.Suppression;
import nl.mailwijs.suppression.Suppressions;

/** Decisions from what Mailwijs holds: the contact, its ledger and the current sender settings. */
@Service
public class ContactDecisions {

    /**
     * A decision with what it was made from, so it can be shown and kept as evidence.
     *
     * @param suppressedBy the suppression list's entries for the contact's addresses that stop this message (an
     *                     objection that outlived its person's erasure, or one made for the address only)
     */
    public record Made(long contactId, Channel channel, String address, long settingsVersion, Instant sendAt, Decision decision,
                       List<Suppression> suppressedBy) {

        public Made {
            suppressedBy = List.copyOf(suppressedBy);
        }
    }

    private final DecisionEngine engine = new DecisionEngine();
    private final Contacts contacts;
    private final Ledger ledger;
    private final SettingsStore settings;
    private final Clock clock;
    private final Suppressions suppressions;
    private final ContactsWithEvidence reader;

    ContactDecisions(Contacts contacts, Ledger ledger, SettingsStore settings, Clock clock, Suppressions suppressions,
                     ContactsWithEvidence reader) {
        this.contacts = contacts;
        this.reader = reader;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
        this.suppressions = suppressions;
    }

    /** Whether decisions can be made at all: they need the sender's settings. */
    public boolean hasSettings() {
        return settings.current().isPresent();
    }

    /**
     * The topics of "a message about what this person bought": their purchase categories and the
     * topics the settings call similar to them. The contact overview asks about that message, the
     * one soft opt-in can carry.
     */
    public List<String> topicsOfPurchases(long contactId) {
        return topicsOfPurchases(ledger.evidenceOf(contactId), settings.current().map(SenderSettings::similarTopics).orElse(Map.of()));
    }

    private static List<String> topicsOfPurchases(Evidence evidence, Map<String, List<String>> similar) {
        Set<String> topics = new LinkedHashSet<>();
        evidence.purchases().forEach(purchase -> purchase.categories().forEach(category -> {
            topics.add(category);
            topics.addAll(similar.getOrDefault(category, List.of()));
        }));
        return List.copyOf(topics);
    }

    public void requireContact(long contactId) {
        if (contacts.find(contactId).isEmpty()) {
            throw new UnknownContactException(contactId);
        }
    }

    public Made decide(long contactId, ContactDecisionRequest request) {
        Contact contact = contacts.find(contactId).orElseThrow(() -> new UnknownContactException(contactId));
        SenderSettings sender = requireSettings();
        ContactAddress address = addressOf(contact, request);
        Instant sendAt = sendAt(request.sendAt());
        // The suppression list too: an erased person who objected, imported again, is still objecting.
        List<Suppression> suppressed = suppressions.of(contact);
        Evidence evidence = ledger.evidenceOf(contactId);
        return decide(contact, address, suppressed.isEmpty() ? evidence : Suppressions.with(evidence, suppressed), suppressed, sender,
                request, sendAt);
    }

    /**
     * The one way a contact is decided, whether read alone or in a page of many.
     *
     * @param evidence   the contact's ledger evidence with the suppression list's entries added as objections
     * @param suppressed those entries
     */
    private Made decide(Contact contact, ContactAddress address, Evidence evidence, List<Suppression> suppressed, SenderSettings sender,
                        ContactDecisionRequest request, Instant sendAt) {
        boolean promotion = request.containsPromotion() != null ? request.containsPromotion() : request.purpose() != Purpose.SERVICE;
        Message message = new Message(request.purpose(), request.topics() == null ? List.of() : request.topics(), promotion, sendAt,
                request.recipientCount());
        Recipient recipient = new Recipient(contact.kind(), contact.country(), request.channel(), address.address(), contact.publishedForOffers());
        Decision decision = engine.decide(new DecisionRequest(sender.sender(), recipient, evidence, message, sender.policy()));
        List<Suppression> stopping = decision.denial() != nl.mailwijs.engine.decision.Denial.OBJECTED ? List.of()
                : suppressed.stream().filter(entry -> !entry.objectedAt().isAfter(sendAt) && entry.covers(request.channel(), message.topics()))
                        .toList();
        return new Made(contact.id(), request.channel(), address.address(), sender.version(), sendAt, decision, stopping);
    }

    private SenderSettings requireSettings() {
        return settings.current().orElseThrow(() -> new InvalidRequestException("",
                "there are no sender settings yet: PUT /api/v1/settings with at least legalName and country"));
    }

    /**
     * "Why may I mail this person?": for every channel the contact has an address on, the
     * decision for a message of this purpose and these topics, now.
     */
    public List<Made> basisPerChannel(long contactId, Purpose purpose, List<String> topics) {
        Contact contact = contacts.find(contactId).orElseThrow(() -> new UnknownContactException(contactId));
        return Arrays.stream(Channel.values())
                .filter(channel -> !contact.addressesOn(channel).isEmpty())
                .map(channel -> decide(contactId, new ContactDecisionRequest(channel, purpose, topics, null, null, null, null)))
                .toList();
    }

    /**
     * {@link #basisPerChannel} with the topics of {@link #topicsOfPurchases} for every contact, all
     * decided at one moment: the question of the contact page, asked of everyone. The contacts are
     * read a page at a time with their evidence ({@link ContactsWithEvidence}), never one by one,
     * and decided exactly as {@link #decide} decides one.
     *
     * @param each hears, in id order, the decisions of every contact with an address (as
     *             {@code basisPerChannel} gives them: per channel with an address, in the order of {@link Channel})
     * @param read hears after every page how many contacts have been read so far
     * @return how many contacts were read
     * @throws InvalidRequestException when there are no sender settings yet
     */
    public long basisOfEveryContact(Purpose purpose, Instant at, Consumer<List<Made>> each, LongConsumer read) {
        SenderSettings sender = requireSettings();
        Map<String, List<String>> similar = sender.similarTopics();
        long done = 0;
        try (ContactsWithEvidence.Pages pages = reader.readAll(null, contact -> !contact.addresses().isEmpty())) {
            for (ContactsWithEvidence.Page page = pages.next(); page != null; page = pages.next()) {
                for (Contact contact : page.contacts()) {
                    Evidence evidence = page.evidence().get(contact.id()).evidence();
                    List<Suppression> suppressed = page.suppressions().getOrDefault(contact.id(), List.of());
                    List<String> topics = topicsOfPurchases(evidence, similar);
                    List<Made> made = new ArrayList<>(Channel.values().length);
                    for (Channel channel : Channel.values()) {
                        List<ContactAddress> onChannel = contact.addressesOn(channel);
                        if (!onChannel.isEmpty()) {
                            made.add(decide(contact, onChannel.getFirst(), evidence, suppressed, sender,
                                    new ContactDecisionRequest(channel, purpose, topics, null, null, null, null), at));
                        }
                    }
                    each.accept(made);
                }
                done += page.read();
                read.accept(done);
            }
        }
        return done;
    }

    private static ContactAddress addressOf(Contact contact, ContactDecisionRequest request) {
        List<ContactAddress> onChannel = contact.addressesOn(request.channel());
        if (onChannel.isEmpty()) {
            throw new InvalidRequestException("channel", "contact " + contact.id() + " has no address for " + request.channel());
        }
        if (request.address() == null) {
            return onChannel.getFirst();
        }
        return onChannel.stream()
                .filter(candidate -> candidate.address().equalsIgnoreCase(request.address().strip()))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException("address", "'" + request.address() + "' is not an address of contact "
                        + contact.id() + " for " + request.channel()));
    }

    private Instant sendAt(String text) {
        if (text == null) {
            return clock.instant();
        }
        try {
            return IsoTimes.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidRequestException("sendAt", IsoTimes.problem(text));
        }
    }
}
