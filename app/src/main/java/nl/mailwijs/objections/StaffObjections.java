package nl.mailwijs.objections;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.UnknownContactException;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.evidence.Appended;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.evidence.ObjectionEvidence;
import nl.mailwijs.suppression.Suppression;
import nl.mailwijs.suppression.Suppressions;

/**
 * Records objections that staff enter. Each is appended to the ledger (committed before the
 * method returns, so before the API answers): from then on every decision for the contact is a
 * denial on the channels and topics it covers, including a campaign's queued messages, which the
 * outbox decides again at send time. Later imports add evidence but never remove any, so no
 * import undoes it.
 */
@Service
public class StaffObjections {

    /** A note is what a person said on the phone, not a file. */
    static final int MAX_NOTE = 4_000;

    private final Contacts contacts;
    private final Ledger ledger;
    private final Suppressions suppressions;
    private final Clock clock;

    public StaffObjections(Contacts contacts, Ledger ledger, Suppressions suppressions, Clock clock) {
        this.contacts = contacts;
        this.ledger = ledger;
        this.suppressions = suppressions;
        this.clock = clock;
    }

    /**
     * @param enteredBy who entered it (the API token's or admin's name), kept in the evidence
     * @throws UnknownContactException when there is no such contact
     */
    public Appended forContact(long contactId, StaffObjection objection, String enteredBy) {
        return ledger.append(contactId, evidence(objection, enteredBy, null));
    }

    /** What an objection by address did: objected for each contact with the address, or put the address on the suppression list. */
    public record ByAddress(List<Appended> objections, Suppression suppression) {
    }

    /**
     * Objects for every contact that has this address (usually one; a shared mailbox may have
     * several). When none has it, the address goes on the suppression list with the objection's
     * scope, so it is never mailed, also not when a contact with it is added later.
     *
     * @throws InvalidRequestException ({@code address}) when it is no address on that channel
     */
    public ByAddress forAddress(Channel channel, String address, StaffObjection objection, String enteredBy) {
        List<Contact> having = contacts.findByAddress(channel, address);
        ObjectionEvidence evidence = evidence(objection, enteredBy, address.strip());
        if (having.isEmpty()) {
            return new ByAddress(List.of(), suppressions.recordAddressObjection(channel, address, evidence));
        }
        List<Appended> appended = new ArrayList<>(having.size());
        for (Contact contact : having) {
            appended.add(ledger.append(contact.id(), evidence));
        }
        return new ByAddress(appended, null);
    }

    private ObjectionEvidence evidence(StaffObjection objection, String enteredBy, String address) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant at = objection.receivedAt() == null ? now : objection.receivedAt();
        if (at.isAfter(now.plusSeconds(60))) {
            throw new InvalidRequestException("receivedAt", "'" + at + "' is in the future; give when the person objected, or leave it out for now");
        }
        if (objection.note() != null && objection.note().length() > MAX_NOTE) {
            throw new InvalidRequestException("note", "is longer than " + MAX_NOTE + " characters");
        }
        // Nothing of the moment of entry (the record has its own time): the same request sent again is the same content.
        String raw = "Entered by " + enteredBy + "; received by " + objection.route() + " at " + at
                + (address == null ? "" : " for the address " + address)
                + (objection.note() == null || objection.note().isBlank() ? "" : "; note: " + objection.note().strip());
        return new ObjectionEvidence(objection.id(), at, objection.allChannels(), objection.channels(), objection.topics(), objection.route(),
                raw);
    }
}
