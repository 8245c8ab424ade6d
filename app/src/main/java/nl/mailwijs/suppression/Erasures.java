package nl.mailwijs.suppression;

import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.ContactAddress;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.contacts.UnknownContactException;
import nl.mailwijs.evidence.Ledger;

/**
 * GDPR erasure (AVG 17) of one contact, in one transaction: its objections are kept per address
 * as keyed hashes on the suppression list, the personal content of its ledger records is blanked
 * (the chain still verifies: see {@link Ledger#erase}), its name, external id, attributes,
 * addresses and tags go, and every module holding a copy of its addresses blanks it
 * ({@link ContactErased}). Either all of this happens or none of it.
 *
 * <p>What remains: a row with the contact's id, kind and country (the ledger and stored decisions
 * name the id), the ledger records' kinds, dates and digests, the erasure record, and the
 * suppression entries. A person who never objected leaves no suppression: nothing stops mailing
 * them again on a new basis, such as a new consent.
 */
@Service
public class Erasures {

    /** What an erasure did. */
    public record Erased(long contactId, Instant erasedAt, long erasureRecordId, int erasedRecords, int suppressions) {
    }

    private final Contacts contacts;
    private final Ledger ledger;
    private final Suppressions suppressions;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    public Erasures(Contacts contacts, Ledger ledger, Suppressions suppressions, ApplicationEventPublisher events,
                    PlatformTransactionManager transactions) {
        this.contacts = contacts;
        this.ledger = ledger;
        this.suppressions = suppressions;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * @throws UnknownContactException when there is no such contact, or it was erased before
     */
    public Erased erase(long contactId) {
        return transaction.execute(status -> {
            // The contact first, then the chain head (in the ledger): appends take only the head, so no cycle.
            Contact contact = contacts.lockForErasure(contactId);
            List<ContactAddress> addresses = contact.addresses();
            int[] kept = new int[1];
            Ledger.Erasure erasure = ledger.erase(contactId, objections -> kept[0] = suppressions.keepThroughErasure(addresses, objections));
            contacts.erase(contactId);
            Instant erasedAt = erasure.erasureRecord().recordedAt();
            events.publishEvent(new ContactErased(contactId, addresses.stream().map(ContactAddress::address).toList(), erasedAt));
            return new Erased(contactId, erasedAt, erasure.erasureRecord().id(), erasure.erasedRecords().size(), kept[0]);
        });
    }
}
