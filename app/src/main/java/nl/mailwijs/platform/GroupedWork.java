package nl.mailwijs.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that many callers hand in at once and that is cheaper done for many together: each caller
 * waits for the result of its own item, while one thread takes what has arrived as a group and
 * does it in one go (one transaction, one query). Used where a burst of requests would otherwise
 * queue for one lock or pay one commit each, such as RFC 8058 one-click unsubscribes after a
 * campaign.
 *
 * <p>Once an item arrives the thread waits {@code gather} for others to join it (one sleep, not a
 * wake-up per arrival, which would cost a context switch per item), then takes everything waiting,
 * up to {@code mostPerGroup}. The group handler returns one {@link Result} per item, in order: a
 * value, or the exception that item alone gets. Should the handler fail as a whole, the group's
 * items are done one by one, so one bad item never takes others down with it.
 *
 * <p>While not running (a command-line run, tests without a context, shutting down) each caller
 * does its own item at once, one by one.
 *
 * @param <I> what callers hand in
 * @param <O> what each gets back
 */
public final class GroupedWork<I, O> {

    private static final Logger LOG = LoggerFactory.getLogger(GroupedWork.class);

    /** The outcome of one item: its value, or what it alone is refused with. */
    public record Result<O>(O value, RuntimeException refused) {

        public static <O> Result<O> of(O value) {
            return new Result<>(value, null);
        }

        public static <O> Result<O> refused(RuntimeException refused) {
            return new Result<>(null, refused);
        }
    }

    private record Waiting<I, O>(I item, CompletableFuture<O> done) {
    }

    private final String name;
    private final int mostPerGroup;
    private final long gatherNanos;
    private final Duration patience;
    private final Function<List<I>, List<Result<O>>> group;
    private final Function<I, O> alone;
    private final BlockingQueue<Waiting<I, O>> arrived;
    private volatile Thread worker;

    /**
     * @param name         the thread's name, and what error messages call this work
     * @param mostPerGroup the most items done together
     * @param gather       how long to wait, once an item has arrived, for others to join it
     * @param patience     how long a caller waits for room in the queue, and then for its result
     * @param group        does a group: one result per item, in order
     * @param alone        does one item by itself (not running, or its group failed as a whole)
     */
    public GroupedWork(String name, int mostPerGroup, Duration gather, Duration patience, Function<List<I>, List<Result<O>>> group,
                       Function<I, O> alone) {
        this.name = name;
        this.mostPerGroup = mostPerGroup;
        this.gatherNanos = gather.toNanos();
        this.patience = patience;
        this.group = group;
        this.alone = alone;
        this.arrived = new ArrayBlockingQueue<>(Math.max(20_000, mostPerGroup));
    }

    /**
     * Does the item within a group and returns its value once the group is done.
     *
     * @throws RuntimeException what this item was refused with, as {@code alone} would have thrown it
     */
    public O submit(I item) {
        if (worker == null) {
            return alone.apply(item);
        }
        Waiting<I, O> waiting = new Waiting<>(item, new CompletableFuture<>());
        try {
            if (!arrived.offer(waiting, patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " is too busy to take this now; try again");
            }
            if (worker == null && arrived.remove(waiting)) {
                // Stopped while this was offered: nobody will take it from the queue.
                return alone.apply(item);
            }
            return waiting.done().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + " did not finish within " + patience.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException refused) {
                throw refused;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void work() {
        List<Waiting<I, O>> taken = new ArrayList<>();
        while (worker == Thread.currentThread() || !arrived.isEmpty()) {
            try {
                Waiting<I, O> first = arrived.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                if (gatherNanos > 0 && arrived.size() < mostPerGroup - 1) {
                    LockSupport.parkNanos(gatherNanos);
                }
                arrived.drainTo(taken, mostPerGroup - 1);
                doTogether(taken);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("{} failed", name, e);
                taken.forEach(waiting -> waiting.done().completeExceptionally(e));
            } finally {
                taken.clear();
            }
        }
    }

    private void doTogether(List<Waiting<I, O>> taken) {
        List<Result<O>> results;
        try {
            results = group.apply(taken.stream().map(Waiting::item).toList());
        } catch (RuntimeException groupFailed) {
            for (Waiting<I, O> waiting : taken) {
                try {
                    waiting.done().complete(alone.apply(waiting.item()));
                } catch (RuntimeException e) {
                    waiting.done().completeExceptionally(e);
                }
            }
            return;
        }
        if (results.size() != taken.size()) {
            throw new IllegalStateException(name + " gave " + results.size() + " results for " + taken.size() + " items");
        }
        for (int i = 0; i < taken.size(); i++) {
            Result<O> result = results.get(i);
            if (result.refused() != null) {
                taken.get(i).done().completeExceptionally(result.refused());
            } else {
                taken.get(i).done().complete(result.value());
            }
        }
    }

    public void start() {
        Thread thread = new Thread(this::work, name);
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    /** Callers from here on do their own item; the thread does what already waits, then ends. */
    public void stop() {
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            try {
                thread.join(patience.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return worker != null;
    }
}
