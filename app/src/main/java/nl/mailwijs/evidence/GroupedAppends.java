package nl.mailwijs.evidence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * {@link Ledger#append} for callers that arrive many at a time, such as a burst of RFC 8058
 * one-click unsubscribes after a campaign: each caller waits until its record is committed (the
 * objection is durable before the caller answers), but the records that arrive while one
 * transaction commits go together in the next, under one lock of the chain head and one commit.
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

    private static final Logger LOG = LoggerFactory.getLogger(GroupedAppends.class);
    private static final int MOST_PER_TRANSACTION = 500;

    private final Ledger ledger;
    private final Duration patience;
    private final BlockingQueue<Waiting> arrived = new ArrayBlockingQueue<>(20_000);
    private volatile Thread writer;

    private record Waiting(Ledger.Entry entry, CompletableFuture<Appended> appended) {
    }

    public GroupedAppends(Ledger ledger, @Value("${mailwijs.evidence.grouped-append-timeout:30s}") Duration patience) {
        this.ledger = ledger;
        this.patience = patience;
    }

    /**
     * Appends one record as {@link Ledger#append} does, in a transaction shared with records
     * that arrived at the same time; returns once it is committed.
     *
     * @throws nl.mailwijs.contacts.UnknownContactException when there is no such contact
     * @throws nl.mailwijs.decisionjson.InvalidRequestException naming the field, as append does
     */
    public Appended append(long contactId, EvidenceContent content) {
        if (writer == null) {
            // Not running (a command-line run, or shutting down): the caller's own transaction.
            return ledger.append(contactId, content);
        }
        Waiting waiting = new Waiting(new Ledger.Entry(contactId, content), new CompletableFuture<>());
        try {
            if (!arrived.offer(waiting, patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the ledger is too busy to record this now; try again");
            }
            if (writer == null && arrived.remove(waiting)) {
                // Stopped while this was offered: nobody will take it from the queue.
                return ledger.append(contactId, content);
            }
            return waiting.appended().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the record was being appended", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the ledger did not confirm the record within " + patience.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException refused) {
                throw refused;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void write() {
        List<Waiting> group = new ArrayList<>();
        while (writer == Thread.currentThread() || !arrived.isEmpty()) {
            try {
                Waiting first = arrived.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                arrived.drainTo(group, MOST_PER_TRANSACTION - 1);
                appendTogether(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("grouped ledger appends failed", e);
                group.forEach(waiting -> waiting.appended().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    private void appendTogether(List<Waiting> group) {
        List<Ledger.Outcome> outcomes;
        try {
            outcomes = ledger.appendArrived(group.stream().map(Waiting::entry).toList());
        } catch (RuntimeException groupFailed) {
            for (Waiting waiting : group) {
                try {
                    waiting.appended().complete(ledger.append(waiting.entry().contactId(), waiting.entry().content()));
                } catch (RuntimeException e) {
                    waiting.appended().completeExceptionally(e);
                }
            }
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            Ledger.Outcome outcome = outcomes.get(i);
            if (outcome.refused() != null) {
                group.get(i).appended().completeExceptionally(outcome.refused());
            } else {
                group.get(i).appended().complete(outcome.appended());
            }
        }
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::write, "ledger-grouped-appends");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = writer;
        // Callers from here on append on their own; the thread writes what already waits, then ends.
        writer = null;
        if (thread != null) {
            try {
                thread.join(patience.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return writer != null;
    }
}
