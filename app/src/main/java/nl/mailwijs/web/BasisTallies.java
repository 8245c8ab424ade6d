package nl.mailwijs.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import nl.mailwijs.decisions.BasisTally;

/**
 * The overview's basis figures, worked out on a thread of their own: deciding every contact takes
 * seconds for a large shop, too long for a request. The latest tally is kept in memory; a new one
 * starts when the overview is opened and there is none or the last one ended longer than
 * {@code mailwijs.dashboard.tally-max-age} (5 minutes) ago, or when someone asks for it. One runs
 * at a time in this process; asking during one runs another right after it, so the figures then
 * shown include whatever changed before asking.
 *
 * <p>Not kept in a table: after a restart the first look at the overview computes it again in
 * that same short time, while a stored tally would have to be kept in step between processes
 * for no figure that could not be had afresh.
 */
@Component
@ConditionalOnWebApplication
class BasisTallies {

    private static final Logger LOG = LoggerFactory.getLogger(BasisTallies.class);

    /**
     * What the overview shows.
     *
     * @param latest    the latest finished tally, or null before the first
     * @param computing whether a tally is being computed (or waits to be, right after the one running)
     * @param read      while computing: contacts read so far
     * @param total     while computing: of about how many; -1 before they are counted
     * @param failedAt  when the last attempt failed, or null when it did not
     */
    record State(BasisTally.Result latest, boolean computing, long read, long total, Instant failedAt) {

        public boolean isFailed() {
            return failedAt != null;
        }
    }

    private final BasisTally tally;
    private final Clock clock;
    private final Duration maxAge;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("mailwijs-basis-tally").daemon()
            .factory());
    private volatile boolean again;
    private volatile BasisTally.Result latest;
    /** When the last attempt ended, successful or not: what "older than the maximum age" is measured from. */
    private volatile Instant ended;
    private volatile Instant failedAt;
    private volatile long read;
    private volatile long of = -1;
    private volatile long contactsAsked = -1;

    BasisTallies(BasisTally tally, Clock clock, @Value("${mailwijs.dashboard.tally-max-age:5m}") Duration maxAge) {
        this.tally = tally;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /**
     * The figures as they stand, after starting a new tally when there is none or the last is
     * too old.
     *
     * @param mayStart false without sender settings: nothing can be decided then
     */
    State current(boolean mayStart) {
        Instant lastEnded = ended;
        if (mayStart && (lastEnded == null || lastEnded.plus(maxAge).isBefore(clock.instant()))) {
            start();
        }
        return state();
    }

    /**
     * As {@link #current(boolean)}, and also anew when the number of contacts is not what it was
     * when the figures were last asked for: right after an import the page showed figures over
     * the contacts before it beside the new count, for up to the maximum age.
     */
    State current(boolean mayStart, long contactsNow) {
        if (mayStart && contactsNow != contactsAsked) {
            contactsAsked = contactsNow;
            return recompute();
        }
        return current(mayStart);
    }

    /** Starts a new tally, or asks for one right after the one running. */
    State recompute() {
        again = true;
        start();
        return state();
    }

    private State state() {
        boolean computing = running.get();
        return new State(latest, computing, computing ? read : 0, computing ? of : -1, failedAt);
    }

    private void start() {
        if (running.compareAndSet(false, true)) {
            runner.execute(this::run);
        }
    }

    private void run() {
        while (true) {
            again = false;
            countOnce();
            running.set(false);
            // Asked for during the tally that just ended, and no one started another meanwhile.
            if (!again || !running.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void countOnce() {
        try {
            BasisTally.Result result = tally.count(Times.SHOWN_IN, (contacts, total) -> {
                of = total;
                read = contacts;
            });
            latest = result;
            failedAt = null;
            LOG.info("basis tally over {} contacts in {} ms", result.contacts(), result.took().toMillis());
        } catch (RuntimeException e) {
            LOG.warn("the basis tally for the overview failed", e);
            failedAt = clock.instant();
        } finally {
            ended = clock.instant();
            read = 0;
            of = -1;
        }
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }
}
