package nl.mailwijs.decisions;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

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

    ContactDecisions(Contacts contacts, Ledger ledger, SettingsStore settings, Clock clock, Suppressions suppressions) {
        this.contacts = contacts;
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
        java.util.Set<String> topics = new java.util.LinkedHashSet<>();
        java.util.Map<String, List<String>> similar = settings.current().map(SenderSettings::similarTopics).orElse(java.util.Map.of());
        ledger.evidenceOf(contactId).purchases().forEach(purchase -> purchase.categories().forEach(category -> {
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
        SenderSettings sender = settings.current().orElseThrow(() -> new InvalidRequestException("",
                "there are no sender settings yet: PUT /api/v1/settings with at least legalName and country"));
        ContactAddress address = addressOf(contact, request);
        Instant sendAt = sendAt(request.sendAt());
        boolean promotion = request.containsPromotion() != null ? request.containsPromotion() : request.purpose() != Purpose.SERVICE;
        Message message = new Message(request.purpose(), request.topics() == null ? List.of() : request.topics(), promotion, sendAt,
                request.recipientCount());
        Recipient recipient = new Recipient(contact.kind(), contact.country(), request.channel(), address.address(), contact.publishedForOffers());
        // The suppression list too: an erased person who objected, imported again, is still objecting.
        List<Suppression> suppressed = suppressions.of(contact);
        nl.mailwijs.engine.request.Evidence evidence = ledger.evidenceOf(contactId);
        if (!suppressed.isEmpty()) {
            List<nl.mailwijs.engine.request.Objection> objections = new java.util.ArrayList<>(evidence.objections());
            suppressed.forEach(entry -> objections.add(entry.asObjection()));
            evidence = new nl.mailwijs.engine.request.Evidence(evidence.consents(), evidence.purchases(), evidence.interactions(), objections);
        }
        Decision decision = engine.decide(new DecisionRequest(sender.sender(), recipient, evidence, message, sender.policy()));
        List<Suppression> stopping = decision.denial() != nl.mailwijs.engine.decision.Denial.OBJECTED ? List.of()
                : suppressed.stream().filter(entry -> !entry.objectedAt().isAfter(sendAt) && entry.covers(request.channel(), message.topics()))
                        .toList();
        return new Made(contactId, request.channel(), address.address(), sender.version(), sendAt, decision, stopping);
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
