package nl.mailwijs.decisions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.springframework.stereotype.Service;

import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.Contacts;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.evidence.Ledger;
import nl.mailwijs.suppression.Suppression;
import nl.mailwijs.suppression.Suppressions;

/**
 * Every contact in id order, a page at a time, each with its evidence as the engine takes it:
 * the ledger's records (corrected ones left out, withdrawals applied) and the suppression
 * list's entries for its addresses added as objections, exactly as {@link ContactDecisions}
 * reads them for one contact. A page costs a few queries (contacts, their addresses and tags,
 * their records, the suppression list's fingerprint), never one per contact; pages follow each
 * other by id (keyset), so contacts added meanwhile do not shift them.
 *
 * <p>A reader thread with connections of its own (outside any transaction of the caller: it
 * only reads) reads the next pages while the caller works on the one before: what a campaign's
 * pre-flight and the overview's tally walk all contacts with.
 */
@Service
public class ContactsWithEvidence {

    /** Contacts per page: large enough that the queries' round trips do not matter, small enough to keep three in memory. */
    public static final int PAGE = 2_000;
    /** How long the caller waits for the reader's next page before giving up. */
    private static final long PATIENCE_MINUTES = 10;

    /**
     * One page of contacts with their evidence.
     *
     * @param contacts     the page's contacts that the caller's filter kept, in id order
     * @param evidence     per contact kept: its evidence as the engine takes it, with the ledger record behind each evidence id
     * @param suppressions per contact kept that has any: the suppression list's entries its evidence includes, oldest first
     * @param read         how many contacts the page read, kept or not: for a progress count
     */
    public record Page(List<Contact> contacts, Map<Long, Ledger.ContactEvidence> evidence, Map<Long, List<Suppression>> suppressions,
                       int read) {
    }

    private final Contacts contacts;
    private final Ledger ledger;
    private final Suppressions erasures;

    public ContactsWithEvidence(Contacts contacts, Ledger ledger, Suppressions erasures) {
        this.contacts = contacts;
        this.ledger = ledger;
        this.erasures = erasures;
    }

    /**
     * Starts reading every contact from the lowest id on. Close the pages when done (also
     * halfway): that stops the reader.
     *
     * @param channel only the addresses on this channel are read; null: all of them
     * @param keep    the contacts whose evidence is read and who are handed on; the others are only counted
     */
    public Pages readAll(Channel channel, Predicate<Contact> keep) {
        return new Pages(channel, keep);
    }

    /** The pages as the reader thread reads them, one or two ahead of the caller. */
    public final class Pages implements AutoCloseable {
        private static final Object END = new Object();
        private final BlockingQueue<Object> pages = new ArrayBlockingQueue<>(2);
        private final Channel channel;
        private final Predicate<Contact> keep;
        private final Thread thread;

        private Pages(Channel channel, Predicate<Contact> keep) {
            this.channel = channel;
            this.keep = keep;
            thread = Thread.ofPlatform().name("mailwijs-contact-reader").daemon().start(this::read);
        }

        private void read() {
            Object last = END;
            try {
                long after = 0;
                while (true) {
                    List<Contact> page = contacts.after(after, PAGE, channel);
                    if (page.isEmpty()) {
                        break;
                    }
                    after = page.getLast().id();
                    List<Contact> kept = page.stream().filter(keep).toList();
                    Map<Long, List<Suppression>> suppressed = erasures.ofAll(kept);
                    Map<Long, Ledger.ContactEvidence> evidence = Suppressions.applyFound(
                            ledger.evidenceOfAll(kept.stream().map(Contact::id).toList()), suppressed);
                    pages.put(new Page(kept, evidence, suppressed, page.size()));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                pages.put(last);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The next page, or null after the last; rethrows what went wrong reading. */
        public Page next() {
            try {
                Object next = pages.poll(PATIENCE_MINUTES, TimeUnit.MINUTES);
                if (next == null) {
                    thread.interrupt();
                    throw new IllegalStateException("the contact reader gave no page in " + PATIENCE_MINUTES + " minutes");
                }
                if (next == END) {
                    return null;
                }
                if (next instanceof RuntimeException failure) {
                    throw failure;
                }
                return (Page) next;
            } catch (InterruptedException e) {
                thread.interrupt();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("reading the contacts was interrupted", e);
            }
        }

        /** Stops the reader, also when the caller gave up halfway. */
        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
