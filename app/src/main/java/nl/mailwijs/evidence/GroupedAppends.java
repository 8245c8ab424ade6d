package nl.mailwijs.evidence;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

import nl.mailwijs.platform.GroupedWork;

/**
 * {@link Ledger#append} for callers that arrive many at a time, such as a burst of RFC 8058
 * one-click unsubscribes after a campaign: each caller waits until its record is committed (the
 * objection is durable before the caller answers), but the records that arrive together go in
 * one transaction, under one lock of the chain head and one commit ({@link GroupedWork}).
 * Appending one by one, every request waited for every commit before it; the head lock made
 * that a queue.
 *
 * <p>What each caller gets is what {@link Ledger#append} would have given it: the record, the
 * earlier record with the same content, or the refusal naming the field. Should a whole group
 * fail (the database refused it), each record is tried again on its own, so one bad record
 * never takes others down with it.
 */
@Service
public class GroupedAppends implements SmartLifecycle {

    private static final int MOST_PER_TRANSACTION = 500;

    private final Ledger ledger;
    private final GroupedWork<Ledger.Entry, Appended> work;

    /**
     * @param gather how long the writer waits, once a record has arrived, for others to join it in
     *               one transaction: under a burst each transaction then carries more records, and
     *               the database spends less per record on its fixed cost (the chain head's lock and
     *               update, the reads, the commit)
     */
    public GroupedAppends(Ledger ledger, @Value("${mailwijs.evidence.grouped-append-timeout:30s}") Duration patience,
                          @Value("${mailwijs.evidence.grouped-append-gather:2ms}") Duration gather) {
        this.ledger = ledger;
        this.work = new GroupedWork<>("ledger-grouped-appends", MOST_PER_TRANSACTION, gather, patience, this::appendGroup,
                entry -> ledger.append(entry.contactId(), entry.content()));
    }

    /**
     * Appends one record as {@link Ledger#append} does, in a transaction shared with records
     * that arrived at the same time; returns once it is committed.
     *
     * @throws nl.mailwijs.contacts.UnknownContactException when there is no such contact
     * @throws nl.mailwijs.decisionjson.InvalidRequestException naming the field, as append does
     */
    public Appended append(long contactId, EvidenceContent content) {
        return work.submit(new Ledger.Entry(contactId, content));
    }

    /**
     * Appends the records in one transaction now, on the caller's thread, for callers that group
     * their own work: one result per entry, in order, each what {@link Ledger#append} would have
     * given or thrown.
     *
     * @throws RuntimeException when the database refused the transaction as a whole (nothing is appended)
     */
    public List<GroupedWork.Result<Appended>> appendGroup(List<Ledger.Entry> entries) {
        return ledger.appendArrived(entries).stream()
                .map(outcome -> outcome.refused() != null ? GroupedWork.Result.<Appended>refused(outcome.refused()) : GroupedWork.Result.of(outcome.appended()))
                .toList();
    }

    @Override
    public void start() {
        work.start();
    }

    @Override
    public void stop() {
        work.stop();
    }

    @Override
    public boolean isRunning() {
        return work.isRunning();
    }
}
