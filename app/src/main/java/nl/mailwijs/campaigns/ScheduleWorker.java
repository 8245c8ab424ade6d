package nl.mailwijs.campaigns;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The thread that queues scheduled campaigns when their time comes, while the server runs (not
 * in one-shot commands, like {@link OutboxWorkers}). Every process runs one; they need no
 * coordination, as {@link CampaignScheduler#queueDue()} takes each campaign under its row lock.
 * A campaign goes out at most one interval after its time.
 */
@Component
@ConditionalOnWebApplication
public class ScheduleWorker implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleWorker.class);

    private final CampaignScheduler scheduler;
    private final Duration interval;
    private final boolean enabled;
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    public ScheduleWorker(CampaignScheduler scheduler, @Value("${mailwijs.scheduling.interval:5s}") Duration interval,
                          @Value("${mailwijs.sending.enabled:true}") boolean enabled) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("mailwijs.scheduling.interval must be positive, not " + interval);
        }
        this.scheduler = scheduler;
        this.interval = interval;
        this.enabled = enabled;
    }

    @Override
    public void start() {
        if (!enabled || !running.compareAndSet(false, true)) {
            return;
        }
        thread = Thread.ofPlatform().name("mailwijs-schedule").daemon().start(this::work);
    }

    private void work() {
        while (running.get()) {
            try {
                scheduler.queueDue();
            } catch (RuntimeException e) {
                // The database may be away for a moment; the next round tries again.
                LOG.warn("looking for scheduled campaigns failed; trying again in {}: {}", interval, e.toString());
            }
            try {
                synchronized (running) {
                    if (running.get()) {
                        running.wait(interval.toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void stop() {
        // Woken, not interrupted: an interrupt in the middle of a database call may close an embedded H2's file.
        synchronized (running) {
            running.set(false);
            running.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }
}
