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

/** Decisions from what Mailwijs holds: the contact, its ledger and the current sender settings. */
@Service
public class ContactDecisions {

    /** A decision with what it was made from, so it can be shown and kept as evidence. */
    public record Made(long contactId, Channel channel, String address, long settingsVersion, Instant sendAt, Decision decision) {
    }

    private final DecisionEngine engine = new DecisionEngine();
    private final Contacts contacts;
    private final Ledger ledger;
    private final SettingsStore settings;
    private final Clock clock;

    ContactDecisions(Contacts contacts, Ledger ledger, SettingsStore settings, Clock clock) {
        this.contacts = contacts;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
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
        Decision decision = engine.decide(new DecisionRequest(sender.sender(), recipient, ledger.evidenceOf(contactId), message,
                sender.policy()));
        return new Made(contactId, request.channel(), address.address(), sender.version(), sendAt, decision);
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
