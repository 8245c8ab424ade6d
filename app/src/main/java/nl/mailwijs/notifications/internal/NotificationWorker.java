package nl.mailwijs.notifications.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import nl.mailwijs.notifications.Notifications;

/**
 * The thread that delivers due notifications while the server runs (not in one-shot commands
 * such as import: what they record waits in the table for the server). Looks every
 * {@code poll-interval}; a failure is logged and the rows are tried again later.
 */
@Component
@ConditionalOnWebApplication
class NotificationWorker implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationWorker.class);

    private final Notifications notifications;
    private final NotificationProperties properties;
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    NotificationWorker(Notifications notifications, NotificationProperties properties) {
        this.notifications = notifications;
        this.properties = properties;
    }

    @Override
    public void start() {
        if (!properties.worker() || !running.compareAndSet(false, true)) {
            return;
        }
        thread = Thread.ofPlatform().name("mailwijs-notifications").daemon().start(this::work);
    }

    private void work() {
        while (running.get()) {
            try {
                notifications.deliverDue();
            } catch (RuntimeException e) {
                LOG.warn("notifications: a round failed and is tried again: {}", e.toString());
            }
            try {
                Thread.sleep(properties.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void stop() {
        running.set(false);
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(java.time.Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }
}
