package nl.mailwijs.campaigns;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code bin/mailwijs send CAMPAIGN}: sends a campaign from this process, with a progress bar on a
 * terminal. A draft is pre-flighted (if its current version has no pre-flight) and queued; a
 * campaign that is already sending is helped along, by this process beside any others on the
 * same database. Stops when nothing is left to send now; deferred messages wait for their next
 * attempt (any running server, or this command run again, sends them).
 */
public final class SendCommand {

    public static final String USAGE = """
            Usage: mailwijs send CAMPAIGN [--relay HOST:PORT] [--workers N] [--data DIR | --database-url URL]

            Sends campaign number CAMPAIGN from this process: pre-flights a draft whose current version has
            none, queues the recipients the pre-flight allowed, and sends them, deciding again for each at
            send time. A campaign that is already sending (from a server or another 'send') is helped along:
            any number of processes share one campaign without sending a message twice. Interrupted, it
            loses nothing: run it again.
              --relay HOST:PORT   the SMTP server to deliver to (plain SMTP; more settings as
                                  mailwijs.delivery.* properties); without it, the configured relays
              --workers N         sending threads (default 4)
            Prints progress on a terminal, and a summary at the end.
            Exit codes: 0 all sent, 3 some failed, stopped or deferred, 2 bad command line or a campaign
            that cannot be sent (say why), 1 another failure.
            """;

    private static final Duration REFRESH = Duration.ofMillis(250);

    private SendCommand() {
    }

    /** What the run ended with. */
    public record Result(CampaignProgress progress, PreflightReport preflight, long queued) {
    }

    /**
     * @param terminal draw the progress bar (on a terminal) or stay quiet until the summary
     */
    public static Result run(long campaignId, int workers, Campaigns campaigns, Preflight preflight, Outbox outbox, OutboxSender sender,
                             PrintStream err, boolean terminal) throws InterruptedException {
        Campaign campaign = campaigns.require(campaignId);
        PreflightReport report = null;
        long queued = 0;
        if (campaign.state() == CampaignState.DRAFT) {
            try {
                report = campaign.preflightCurrent() ? preflight.lastReport(campaignId).orElse(null) : null;
                if (report == null) {
                    report = preflight.run(campaignId);
                }
                err.printf(Locale.ROOT, "mailwijs send: pre-flight of campaign %d version %d: %,d recipients, %,d may be mailed %s, %,d not %s%n",
                        campaignId, report.campaignVersion(), report.recipients(), report.allowed(), report.allowedByBasis(), report.denied(),
                        report.deniedByDenial());
                queued = outbox.queue(campaignId, preflight);
            } catch (RuntimeException e) {
                // Another process pre-flighted and queued this draft at the same moment: help it send.
                if (campaigns.require(campaignId).state() != CampaignState.SENDING) {
                    throw e;
                }
                err.println("mailwijs send: campaign " + campaignId + " was queued by another process; sending along");
            }
        } else if (campaign.state() == CampaignState.SCHEDULED) {
            throw new CampaignStateException(CampaignProblem.SCHEDULED, "campaign " + campaignId + " is scheduled for " + campaign.sendAt()
                    + "; the server (bin/mailwijs start) queues it then. To send it now, unschedule it first (POST /api/v1/campaigns/"
                    + campaignId + "/unschedule)");
        } else if (campaign.state() != CampaignState.SENDING) {
            throw new CampaignStateException(CampaignProblem.NOT_SENDING, "campaign " + campaignId + " is " + campaign.state()
                    + (campaign.state() == CampaignState.PAUSED ? "; resume it first (POST /api/v1/campaigns/" + campaignId + "/resume)" : "; there is nothing to send"),
                    campaign.state());
        }
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        String process = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        for (int i = 0; i < workers; i++) {
            String worker = process + "/send-" + i;
            threads.add(Thread.ofPlatform().name("mailwijs-send-" + i).start(() -> {
                try {
                    // Until nothing is due now: what is deferred waits for its next attempt.
                    while (sender.sendBatch(worker, 100) > 0) {
                        Thread.onSpinWait();
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        long started = System.nanoTime();
        // Counting the outbox costs the database a scan of the campaign's rows: only for a bar someone sees.
        while (terminal && threads.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(REFRESH);
            err.print("\r" + bar(outbox.progress(campaignId), System.nanoTime() - started));
            err.flush();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        CampaignProgress progress = outbox.progress(campaignId);
        if (terminal) {
            err.println("\r" + bar(progress, System.nanoTime() - started));
        }
        return new Result(progress, report, queued);
    }

    static String bar(CampaignProgress progress, long nanos) {
        int width = 30;
        long done = progress.done();
        int filled = progress.total() == 0 ? width : (int) (width * done / progress.total());
        double seconds = Math.max(nanos / 1e9, 0.001);
        return String.format(Locale.ROOT, "[%s%s] %,d/%,d  sent %,d  deferred %,d  failed %,d  stopped %,d  %,.0f/s   ",
                "#".repeat(filled), ".".repeat(width - filled), done, progress.total(), progress.sent(), progress.deferred(), progress.failed(),
                progress.stopped(), progress.sent() / seconds);
    }
}
