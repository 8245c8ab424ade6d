package nl.mailwijs.unsubscribe;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;

import nl.mailwijs.campaigns.Campaigns;
import nl.mailwijs.campaigns.Outbox;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.decisions.ContactDecisions;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Consent;
import nl.mailwijs.engine.request.Evidence;
import nl.mailwijs.engine.request.Objection;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.values.Topics;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.ObjectionEvidence;
import nl.mailwijs.evidence.WithdrawalEvidence;

/**
 * The preference centre behind an unsubscribe link: what the person may still receive, per topic
 * and per channel, and their choices recorded in the ledger at once (NL-AVG-21, NL-AVG-7-3:
 * withdrawing is as easy as giving).
 *
 * <p>Stopping a topic is an objection limited to that topic, on every channel, so no basis,
 * consent or soft opt-in, carries a message about it any more; a consent that covered only
 * stopped topics is withdrawn as well, so the ledger shows it ended. Stopping a channel is an
 * objection for that channel, and withdraws the consents that covered only stopped channels.
 * "Nothing any more" objects to everything and withdraws every consent.
 */
@Service
class PreferenceCentre {

    /** What the person sees: the topics and channels, and which of them already stopped. */
    record Choices(String address, Map<String, Boolean> topicsStopped, Map<Channel, Boolean> channelsStopped, boolean nothingAtAll) {
    }

    /** What the person chose on the page. */
    record Chosen(Set<String> stopTopics, Set<Channel> stopChannels, boolean nothing) {
    }

    /** One thing recorded, for the page that confirms it. */
    sealed interface Recorded {
        record TopicStopped(String topic) implements Recorded {
        }

        record ChannelStopped(Channel channel) implements Recorded {
        }

        record NothingAnyMore() implements Recorded {
        }

        record ConsentWithdrawn(Instant givenAt) implements Recorded {
        }
    }

    private final Ledger ledger;
    private final Campaigns campaigns;
    private final Contacts contacts;
    private final ContactDecisions decisions;
    private final Clock clock;

    PreferenceCentre(Ledger ledger, Campaigns campaigns, Contacts contacts, ContactDecisions decisions, Clock clock) {
        this.ledger = ledger;
        this.campaigns = campaigns;
        this.contacts = contacts;
        this.decisions = decisions;
        this.clock = clock;
    }

    /**
     * The topics: those of the person's current consents, of the message the link came in, and
     * of what they bought (a soft opt-in's), and those already stopped; the channels: e-mail and
     * any other the person has an address on.
     */
    Choices choices(Outbox.Recipient recipient) {
        Evidence evidence = ledger.evidenceOf(recipient.contactId());
        List<String> topics = new ArrayList<>();
        evidence.consents().stream().filter(consent -> consent.withdrawnAt() == null).forEach(consent -> addAll(topics, consent.topics()));
        addAll(topics, campaigns.require(recipient.campaignId()).topics());
        addAll(topics, decisions.topicsOfPurchases(recipient.contactId()));
        evidence.objections().forEach(objection -> addAll(topics, objection.topics()));
        Map<String, Boolean> topicsStopped = new LinkedHashMap<>();
        topics.forEach(topic -> topicsStopped.put(topic, topicStopped(evidence, topic)));

        Set<Channel> channels = EnumSet.of(Channel.EMAIL);
        contacts.find(recipient.contactId()).ifPresent(contact -> contact.addresses().forEach(address -> channels.add(address.channel())));
        Map<Channel, Boolean> channelsStopped = new LinkedHashMap<>();
        channels.forEach(channel -> channelsStopped.put(channel, channelStopped(evidence, channel)));
        return new Choices(recipient.address(), topicsStopped, channelsStopped, nothingAtAll(evidence));
    }

    /** Records every choice that changes something, each as its own ledger record, before the page answers. */
    List<Recorded> record(Outbox.Recipient recipient, Chosen chosen, String userAgent) {
        long contactId = recipient.contactId();
        Evidence evidence = ledger.evidenceOf(contactId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<Recorded> recorded = new ArrayList<>();
        if (chosen.nothing()) {
            if (!nothingAtAll(evidence)) {
                ledger.append(contactId, new ObjectionEvidence(null, now, true, Set.of(), List.of(), ObjectionRoute.PREFERENCE_CENTRE,
                        raw(recipient, now, "nothing any more", userAgent)));
                recorded.add(new Recorded.NothingAnyMore());
            }
            withdraw(contactId, evidence, consent -> true, now, recorded);
            return recorded;
        }
        Set<Channel> stoppedChannels = EnumSet.noneOf(Channel.class);
        Set<Channel> newlyStoppedChannels = EnumSet.noneOf(Channel.class);
        for (Channel channel : Channel.values()) {
            if (channelStopped(evidence, channel)) {
                stoppedChannels.add(channel);
            } else if (chosen.stopChannels().contains(channel)) {
                ledger.append(contactId, new ObjectionEvidence(null, now, false, Set.of(channel), List.of(), ObjectionRoute.PREFERENCE_CENTRE,
                        raw(recipient, now, "stop channel " + channel, userAgent)));
                recorded.add(new Recorded.ChannelStopped(channel));
                stoppedChannels.add(channel);
                newlyStoppedChannels.add(channel);
            }
        }
        List<String> stoppedTopics = new ArrayList<>();
        evidence.objections().stream().filter(Objection::allChannels).forEach(objection -> addAll(stoppedTopics, objection.topics()));
        List<String> newlyStoppedTopics = new ArrayList<>();
        for (String topic : chosen.stopTopics()) {
            if (!topicStopped(evidence, topic) && !Topics.containsTopic(stoppedTopics, topic)) {
                ledger.append(contactId, new ObjectionEvidence(null, now, true, Set.of(), List.of(topic), ObjectionRoute.PREFERENCE_CENTRE,
                        raw(recipient, now, "stop topic '" + topic + "'", userAgent)));
                recorded.add(new Recorded.TopicStopped(topic));
                stoppedTopics.add(topic);
                newlyStoppedTopics.add(topic);
            }
        }
        // Only consents that a choice made now ends: a withdrawal records what the person did on this page.
        withdraw(contactId, evidence, consent ->
                (consent.channels().stream().anyMatch(newlyStoppedChannels::contains) && stoppedChannels.containsAll(consent.channels()))
                        || (consent.topics().stream().anyMatch(topic -> Topics.containsTopic(newlyStoppedTopics, topic))
                        && consent.topics().stream().allMatch(topic -> Topics.containsTopic(stoppedTopics, topic))),
                now, recorded);
        return recorded;
    }

    private void withdraw(long contactId, Evidence evidence, java.util.function.Predicate<Consent> ended, Instant now, List<Recorded> recorded) {
        Map<String, Long> recordIds = ledger.recordIdsByEngineId(contactId);
        for (Consent consent : evidence.consents()) {
            Long recordId = recordIds.get(consent.id());
            if (consent.withdrawnAt() == null && recordId != null && ended.test(consent)) {
                ledger.append(contactId, new WithdrawalEvidence(null, recordId, null, now, ObjectionRoute.PREFERENCE_CENTRE));
                recorded.add(new Recorded.ConsentWithdrawn(consent.givenAt()));
            }
        }
    }

    private static boolean topicStopped(Evidence evidence, String topic) {
        return evidence.objections().stream()
                .anyMatch(objection -> objection.allChannels() && (objection.topics().isEmpty() || Topics.containsTopic(objection.topics(), topic)));
    }

    private static boolean channelStopped(Evidence evidence, Channel channel) {
        return evidence.objections().stream().anyMatch(objection -> objection.covers(channel) && objection.topics().isEmpty());
    }

    private static boolean nothingAtAll(Evidence evidence) {
        return evidence.objections().stream().anyMatch(objection -> objection.allChannels() && objection.topics().isEmpty());
    }

    private static void addAll(List<String> topics, List<String> more) {
        for (String topic : more) {
            if (!Topics.containsTopic(topics, topic)) {
                topics.add(topic);
            }
        }
    }

    private static String raw(Outbox.Recipient recipient, Instant now, String choice, String userAgent) {
        return "preference centre POST at " + now + " for campaign " + recipient.campaignId() + ", message to " + recipient.address()
                + "; choice: " + choice + "; User-Agent: " + clip(userAgent);
    }

    static String clip(String text) {
        if (text == null) {
            return "-";
        }
        String printable = text.replaceAll("\\p{Cntrl}", " ");
        return printable.length() <= 300 ? printable : printable.substring(0, 300);
    }
}
