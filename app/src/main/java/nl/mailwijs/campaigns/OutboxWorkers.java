package nl.mailwijs.campaigns;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The threads that work through the outbox while the server runs (not in the one-shot commands
 * such as import). Each claims a batch, sends it, and claims the next; with nothing due it looks
 * again after a short pause. Stopping lets the batches in hand finish.
 */
@Component
@ConditionalOnWebApplication
public class OutboxWorkers implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxWorkers.class);
    static final Duration IDLE = Duration.ofMillis(500);

    private final OutboxSender sender;
    private final int workers;
    private final int batchSize;
    private final boolean enabled;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final String name = ManagementFactory.getRuntimeMXBean().getName();

    public OutboxWorkers(OutboxSender sender, @Value("${mailwijs.sending.workers:2}") int workers,
                         @Value("${mailwijs.sending.batch-size:100}") int batchSize,
                         @Value("${mailwijs.sending.enabled:true}") boolean enabled) {
        this.sender = sender;
        this.workers = workers;
        this.batchSize = batchSize;
        this.enabled = enabled;
    }

    @Override
    public void start() {
        if (!enabled || !running.compareAndSet(false, true)) {
            return;
        }
        for (int i = 0; i < workers; i++) {
            String worker = name + "/" + i;
            threads.add(Thread.ofPlatform().name("mailwijs-outbox-" + i).daemon().start(() -> work(worker)));
        }
    }

    private void work(String worker) {
        while (running.get()) {
            try {
                if (sender.sendBatch(worker, batchSize) == 0) {
                    Thread.sleep(IDLE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The rows stay claimed until their lease ends, then another worker tries them: nothing is lost.
                LOG.warn("outbox worker {}: a batch failed and will be retried after its lease: {}", worker, e.toString());
                try {
                    Thread.sleep(IDLE);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }
}
