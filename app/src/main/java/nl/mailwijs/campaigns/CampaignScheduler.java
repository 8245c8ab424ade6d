package nl.mailwijs.campaigns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.mailwijs.campaigns.internal.CampaignsSql;
import nl.mailwijs.decisionjson.InvalidRequestException;

/**
 * Campaigns sent at a set time. Scheduling asks what sending now asks: a pre-flight of the
 * current version whose content check passed, so a regulated message is only scheduled when its
 * rendered output carries the sender's identity, the objection link and, under soft opt-in, the
 * chance to object. A scheduled campaign cannot be changed or pre-flighted again; it is
 * unscheduled first, which makes it a draft.
 *
 * <p>When its time comes, {@link #queueDue()} (run by the {@link ScheduleWorker} of every server
 * process) queues it exactly as "send now" does, through {@link Outbox#queue}, in one
 * transaction under the campaign's row lock taken with SKIP LOCKED: of several processes on one
 * database, one queues it and the others pass it by. A schedule that can no longer be kept (its
 * version or pre-flight no longer match) is voided, not sent: the campaign becomes a draft again
 * and {@link Campaign#scheduleVoided()} says why.
 */
@Service
public class CampaignScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignScheduler.class);
    /** Further ahead than this is more likely a typo (2062 for 2026) than a plan. */
    static final Duration FURTHEST = Duration.ofDays(366);
    private static final int DUE_PER_ROUND = 20;

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final Preflight preflight;
    private final Outbox outbox;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public CampaignScheduler(JdbcClient jdbc, Campaigns campaigns, Preflight preflight, Outbox outbox, Clock clock,
                             PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.preflight = preflight;
        this.outbox = outbox;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Schedules a draft (or moves a scheduled campaign to another time).
     *
     * @throws InvalidRequestException ({@code sendAt}) for a time that is past or more than a year ahead
     * @throws CampaignStateException  when the campaign is not a draft, or its pre-flight is missing, stale or failed the content check
     */
    public Campaign schedule(long campaignId, Instant sendAt) {
        Instant now = clock.instant();
        if (sendAt == null) {
            throw new InvalidRequestException("sendAt", CampaignProblem.SEND_AT_REQUIRED,
                    "is required: an ISO-8601 time with a zone, e.g. 2026-12-01T09:00:00+01:00");
        }
        if (!sendAt.isAfter(now)) {
            throw new InvalidRequestException("sendAt", CampaignProblem.SEND_AT_PAST, sendAt + " is not in the future (it is now " + now.truncatedTo(ChronoUnit.SECONDS)
                    + "); to send at once, POST /api/v1/campaigns/" + campaignId + "/send");
        }
        if (sendAt.isAfter(now.plus(FURTHEST))) {
            throw new InvalidRequestException("sendAt", CampaignProblem.SEND_AT_TOO_FAR, sendAt + " is more than a year ahead");
        }
        return transaction.execute(status -> {
            lock(campaignId);
            Campaign campaign = campaigns.require(campaignId);
            if (campaign.state() != CampaignState.DRAFT && campaign.state() != CampaignState.SCHEDULED) {
                throw new CampaignStateException(CampaignProblem.NOT_A_DRAFT, "campaign " + campaignId + " is " + campaign.state()
                        + "; only a draft can be scheduled", campaign.state());
            }
            readyToSend(campaign);
            jdbc.sql(CampaignsSql.SCHEDULE).param("id", campaignId).param("sendAt", column(sendAt)).param("now", column(now)).update();
            return campaigns.require(campaignId);
        });
    }

    /** Takes a scheduled campaign off the schedule: it is a draft again, to be changed, pre-flighted or sent. */
    public Campaign unschedule(long campaignId) {
        return transaction.execute(status -> {
            lock(campaignId);
            Campaign campaign = campaigns.require(campaignId);
            if (campaign.state() != CampaignState.SCHEDULED) {
                throw new CampaignStateException(CampaignProblem.NOT_SCHEDULED, "campaign " + campaignId + " is " + campaign.state()
                        + "; only a scheduled campaign can be unscheduled", campaign.state());
            }
            jdbc.sql(CampaignsSql.UNSCHEDULE).param("id", campaignId).param("voided", null).param("now", column(clock.instant())).update();
            return campaigns.require(campaignId);
        });
    }

    /**
     * Queues the scheduled campaigns whose time has come, each in a transaction of its own.
     *
     * @return how many campaigns this call queued
     */
    public int queueDue() {
        List<Long> due = jdbc.sql(CampaignsSql.DUE_CAMPAIGNS).param("now", column(clock.instant())).param("limit", DUE_PER_ROUND)
                .query(Long.class).list();
        int queued = 0;
        for (long campaignId : due) {
            try {
                if (queueIfDue(campaignId)) {
                    queued++;
                }
            } catch (RuntimeException e) {
                // Rolled back: the campaign stays scheduled and is tried again next round; the others go ahead.
                LOG.warn("scheduled campaign {} could not be queued and stays scheduled: {}", campaignId, e.toString());
            }
        }
        return queued;
    }

    private boolean queueIfDue(long campaignId) {
        Boolean queued = transaction.execute(status -> {
            OffsetDateTime now = column(clock.instant());
            if (jdbc.sql(CampaignsSql.LOCK_DUE_CAMPAIGN).param("id", campaignId).param("now", now).query(Long.class).optional().isEmpty()) {
                // Queued by another process meanwhile (or being queued by it now), or unscheduled.
                return false;
            }
            Campaign campaign = campaigns.require(campaignId);
            String voided = voidReason(campaign);
            if (voided != null) {
                jdbc.sql(CampaignsSql.UNSCHEDULE).param("id", campaignId).param("voided", voided).param("now", now).update();
                LOG.warn("campaign {}: schedule voided: {}", campaignId, voided);
                return false;
            }
            jdbc.sql(CampaignsSql.DUE_TO_DRAFT).param("id", campaignId).update();
            long messages = outbox.queue(campaignId, preflight);
            LOG.info("campaign {} version {} queued as scheduled for {}: {} messages", campaignId, campaign.version(), campaign.sendAt(),
                    messages);
            return true;
        });
        return Boolean.TRUE.equals(queued);
    }

    /** Why the campaign can no longer go out as it was scheduled, as stored ({@link VoidedSchedule}), or null when it can. */
    private String voidReason(Campaign campaign) {
        if (campaign.scheduledVersion() == null || campaign.scheduledVersion() != campaign.version()) {
            return VoidedSchedule.stored(CampaignProblem.VERSION_CHANGED, "the schedule for " + campaign.sendAt() + " was made for version "
                    + campaign.scheduledVersion() + ", but the campaign is now version " + campaign.version()
                    + "; pre-flight and schedule the new version");
        }
        try {
            readyToSend(campaign);
            return null;
        } catch (CampaignStateException e) {
            return VoidedSchedule.stored(e.code(), "the schedule for " + campaign.sendAt() + " could not be kept: " + e.getMessage());
        }
    }

    /** What Outbox.queue asks before it sends, asked before scheduling, so that a schedule is only made when it can be kept. */
    private void readyToSend(Campaign campaign) {
        long id = campaign.id();
        PreflightReport report = preflight.lastReport(id).orElseThrow(() -> new CampaignStateException(CampaignProblem.NO_PREFLIGHT,
                "campaign " + id + " version " + campaign.version() + " has no pre-flight: POST /api/v1/campaigns/" + id
                        + "/preflight first, and read who may be mailed"));
        if (!report.contentPassed()) {
            throw new CampaignStateException(CampaignProblem.CONTENT_FAILED, "campaign " + id + " cannot be scheduled: its content lacks what the law asks: "
                    + String.join("; ", report.contentFindings()));
        }
    }

    private void lock(long campaignId) {
        jdbc.sql(CampaignsSql.LOCK_CAMPAIGN).param("id", campaignId).query(Long.class).optional()
                .orElseThrow(() -> new UnknownCampaignException("there is no campaign " + campaignId));
    }

    private static OffsetDateTime column(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
