package nl.mailwijs.inbox.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import nl.mailwijs.inbox.InboundMailbox;
import nl.mailwijs.platform.StartupReportLine;

/**
 * What runs while the server runs (not in one-shot commands): the SMTP listener when enabled,
 * the IMAP poller when a host is set, and a sweep each minute that processes messages a process
 * stored but did not get to process.
 */
@Component
@ConditionalOnWebApplication
public class InboundRuntime implements SmartLifecycle, StartupReportLine {

    private static final Logger LOG = LoggerFactory.getLogger(InboundRuntime.class);
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
    static final int SWEEP_LIMIT = 500;

    private final InboundMailbox mailbox;
    private final InboundProperties properties;
    private final Clock clock;
    private SmtpListener listener;
    private ImapPoller poller;
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    public InboundRuntime(InboundMailbox mailbox, InboundProperties properties, Clock clock) {
        this.mailbox = mailbox;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        InboundProperties.Imap imap = properties.imap();
        if (imap.enabled() && (imap.interval() == null || imap.interval().toMillis() < 1_000)) {
            throw new IllegalArgumentException("mailwijs.inbound.imap.interval must be at least 1s, not " + imap.interval());
        }
        InboundProperties.Smtp smtp = properties.smtp();
        if (smtp.enabled()) {
            String hostname = smtp.hostname() == null || smtp.hostname().isBlank() ? localName() : smtp.hostname();
            try {
                listener = new SmtpListener(mailbox, smtp.bindAddress(), smtp.port(), hostname, Math.max(1, smtp.maxConnections()),
                        smtp.timeout()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("mailwijs.inbound.smtp: cannot listen on " + smtp.bindAddress() + ":" + smtp.port() + ": "
                        + e.getMessage() + " (choose another mailwijs.inbound.smtp.port, or set mailwijs.inbound.smtp.enabled=false)", e);
            }
            LOG.info("inbound mailbox: SMTP listener on {}", listener);
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().name("mailwijs-inbound").daemon().unstarted(task));
        if (imap.enabled()) {
            poller = new ImapPoller(mailbox, new ImapPoller.Settings(imap.host(), imap.port(), imap.ssl(), imap.user(), imap.password(),
                    imap.folder(), imap.deleteProcessed(), Math.max(1, imap.maxMessagesPerPoll()), imap.timeout()), clock);
            scheduler.scheduleWithFixedDelay(this::poll, 0, imap.interval().toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("inbound mailbox: polling {} every {}", poller.describe(), imap.interval());
        }
        scheduler.scheduleWithFixedDelay(this::sweep, SWEEP_INTERVAL.toMillis(), SWEEP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    private void poll() {
        try {
            poller.pollOnce();
        } catch (RuntimeException e) {
            // pollOnce reports its own failures; this keeps the schedule alive whatever happens.
            LOG.warn("inbound IMAP: a poll failed: {}", e.toString());
        }
    }

    private void sweep() {
        try {
            int processed = mailbox.processPending(SWEEP_LIMIT);
            if (processed > 0) {
                LOG.info("inbound mailbox: processed {} message(s) left pending", processed);
            }
        } catch (RuntimeException e) {
            LOG.warn("inbound mailbox: the sweep of pending messages failed and runs again in a minute: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (listener != null) {
            listener.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The SMTP listener's port, or -1 when it does not run. */
    public int smtpPort() {
        return listener == null ? -1 : listener.port();
    }

    public String smtpBindAddress() {
        return listener == null ? null : listener.bindAddress();
    }

    /** The IMAP poller, or null when no host is configured. */
    public ImapPoller poller() {
        return poller;
    }

    private static String localName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (IOException e) {
            return "mailwijs";
        }
    }

    @Override
    public String label() {
        return "inbound:";
    }

    @Override
    public String text(int httpPort) {
        StringBuilder text = new StringBuilder();
        if (listener != null) {
            text.append("SMTP listener on ").append(listener);
        }
        if (poller != null) {
            text.append(text.isEmpty() ? "" : "; ").append("polling ").append(poller.describe()).append(" every ")
                    .append(properties.imap().interval());
        }
        if (text.isEmpty()) {
            return "off: bounces, complaints and mailto unsubscribes are not read (set mailwijs.inbound.smtp.enabled=true "
                    + "or mailwijs.inbound.imap.host); the List-Unsubscribe header carries the link only";
        }
        return text + " (bounces, complaints, mailto unsubscribes); GET /api/v1/inbound";
    }
}
