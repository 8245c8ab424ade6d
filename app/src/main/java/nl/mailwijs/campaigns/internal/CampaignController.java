package nl.mailwijs.campaigns.internal;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.mailwijs.campaigns.Audience;
import nl.mailwijs.campaigns.Campaign;
import nl.mailwijs.campaigns.CampaignDraft;
import nl.mailwijs.campaigns.CampaignProgress;
import nl.mailwijs.campaigns.CampaignScheduler;
import nl.mailwijs.campaigns.Campaigns;
import nl.mailwijs.campaigns.Outbox;
import nl.mailwijs.campaigns.Preflight;
import nl.mailwijs.campaigns.PreflightReport;
import nl.mailwijs.campaigns.Segment;
import nl.mailwijs.campaigns.UnknownCampaignException;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.decisionjson.IsoTimes;
import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsStore;

/**
 * Campaigns over REST: write (a draft, changed as often as needed), pre-flight (who may be
 * mailed and why not), send (queue the allowed recipients) now or schedule it, follow
 * (progress, the outbox), and pause, resume or cancel. Segments are saved audiences. Errors are
 * answered by {@link CampaignProblems}.
 */
@RestController
class CampaignController {

    static final int MAX_PAGE_SIZE = 500;

    private final Campaigns campaigns;
    private final Preflight preflight;
    private final Outbox outbox;
    private final CampaignScheduler scheduler;
    private final SettingsStore settings;
    private final JdbcClient jdbc;

    CampaignController(Campaigns campaigns, Preflight preflight, Outbox outbox, CampaignScheduler scheduler, SettingsStore settings,
                       JdbcClient jdbc) {
        this.campaigns = campaigns;
        this.preflight = preflight;
        this.outbox = outbox;
        this.scheduler = scheduler;
        this.settings = settings;
        this.jdbc = jdbc;
    }

    record CampaignPage(List<Campaign> campaigns, int page, int size, long total) {
    }

    record SegmentRequest(String name, Audience audience) {
    }

    record Queued(long campaignId, long queued) {
    }

    /** @param sendAt ISO-8601 with a zone: {@code 2026-12-01T09:00:00+01:00} or {@code 2026-12-01T08:00:00Z} */
    record ScheduleRequest(String sendAt) {
    }

    record OutboxEntry(long id, long contactId, String address, String state, int attempts, String messageId, Integer replyCode,
                       String replyText, java.time.Instant sentAt) {
    }

    @PostMapping("/api/v1/campaigns")
    ResponseEntity<Campaign> create(@Valid @RequestBody CampaignDraft draft) {
        Campaign campaign = campaigns.create(draft, currentSettings());
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + campaign.id())).body(campaign);
    }

    @GetMapping("/api/v1/campaigns")
    CampaignPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        checkPage(page, size);
        return new CampaignPage(campaigns.list(page, size), page, size, campaigns.count());
    }

    @GetMapping("/api/v1/campaigns/{id}")
    Campaign campaign(@PathVariable long id) {
        return campaigns.require(id);
    }

    @PutMapping("/api/v1/campaigns/{id}")
    Campaign update(@PathVariable long id, @Valid @RequestBody CampaignDraft draft) {
        return campaigns.update(id, draft, currentSettings());
    }

    @PostMapping("/api/v1/campaigns/{id}/preflight")
    PreflightReport runPreflight(@PathVariable long id) {
        return preflight.run(id);
    }

    @GetMapping("/api/v1/campaigns/{id}/preflight")
    PreflightReport lastPreflight(@PathVariable long id) {
        campaigns.require(id);
        return preflight.lastReport(id).orElseThrow(() -> new UnknownCampaignException("campaign " + id
                + " has no pre-flight of its current version; POST /api/v1/campaigns/" + id + "/preflight"));
    }

    @PostMapping("/api/v1/campaigns/{id}/send")
    ResponseEntity<Queued> send(@PathVariable long id) {
        return ResponseEntity.accepted().body(new Queued(id, outbox.queue(id, preflight)));
    }

    /**
     * Schedules the campaign to be sent at {@code sendAt}, or moves its time. Needs a pre-flight
     * of the current version whose content check passed; the campaign's state becomes SCHEDULED.
     */
    @PostMapping("/api/v1/campaigns/{id}/schedule")
    Campaign scheduleCampaign(@PathVariable long id, @RequestBody ScheduleRequest request) {
        return scheduler.schedule(id, sendAt(request.sendAt()));
    }

    /** Takes the campaign off the schedule: a draft again. */
    @PostMapping("/api/v1/campaigns/{id}/unschedule")
    Campaign unscheduleCampaign(@PathVariable long id) {
        return scheduler.unschedule(id);
    }

    @PostMapping("/api/v1/campaigns/{id}/pause")
    CampaignProgress pause(@PathVariable long id) {
        outbox.pause(id);
        return outbox.progress(id);
    }

    @PostMapping("/api/v1/campaigns/{id}/resume")
    CampaignProgress resume(@PathVariable long id) {
        outbox.resume(id);
        return outbox.progress(id);
    }

    @PostMapping("/api/v1/campaigns/{id}/cancel")
    CampaignProgress cancel(@PathVariable long id) {
        outbox.cancel(id);
        return outbox.progress(id);
    }

    @GetMapping("/api/v1/campaigns/{id}/progress")
    CampaignProgress progress(@PathVariable long id) {
        return outbox.progress(id);
    }

    /** Every message of the campaign with its state and the SMTP reply; filter by {@code state}. */
    @GetMapping("/api/v1/campaigns/{id}/outbox")
    List<OutboxEntry> outboxOf(@PathVariable long id, @RequestParam(required = false) String state,
                               @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        checkPage(page, size);
        campaigns.require(id);
        if (state != null && !List.of("QUEUED", "SENDING", "SENT", "DEFERRED", "FAILED", "STOPPED", "CANCELLED").contains(state)) {
            throw new InvalidRequestException("state", "expected QUEUED, SENDING, SENT, DEFERRED, FAILED, STOPPED or CANCELLED");
        }
        return jdbc.sql(CampaignsSql.OUTBOX_OF)
                .param("id", id)
                .param("anyState", state == null)
                .param("state", state == null ? "" : state)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((row, n) -> {
                    int code = row.getInt("reply_code");
                    Integer replyCode = row.wasNull() ? null : code;
                    var sentAt = row.getObject("sent_at", java.time.OffsetDateTime.class);
                    return new OutboxEntry(row.getLong("id"), row.getLong("contact_id"), row.getString("address"), row.getString("state"),
                            row.getInt("attempts"), row.getString("message_id"), replyCode, row.getString("reply_text"),
                            sentAt == null ? null : sentAt.toInstant());
                })
                .list();
    }

    @PostMapping("/api/v1/segments")
    ResponseEntity<Segment> createSegment(@RequestBody SegmentRequest request) {
        Segment segment = campaigns.createSegment(request.name(), request.audience() == null ? Audience.EVERYONE : request.audience());
        return ResponseEntity.created(URI.create("/api/v1/segments/" + segment.id())).body(segment);
    }

    @GetMapping("/api/v1/segments")
    List<Segment> segments() {
        return campaigns.segments();
    }

    @GetMapping("/api/v1/segments/{id}")
    Segment segment(@PathVariable long id) {
        return campaigns.segment(id).orElseThrow(() -> new UnknownCampaignException("there is no segment " + id));
    }

    private SenderSettings currentSettings() {
        return settings.current().orElseThrow(() -> new InvalidRequestException("",
                "there are no sender settings yet: PUT /api/v1/settings with at least legalName and country; the footer needs them"));
    }

    private static Instant sendAt(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("sendAt", "is required: an ISO-8601 time with a zone, e.g. 2026-12-01T09:00:00+01:00");
        }
        if (text.length() == 10) {
            // A bare date would be midnight UTC, one in the morning in the Netherlands: hardly what was meant.
            throw new InvalidRequestException("sendAt", "'" + text + "' is a date; give the time and zone as well, e.g. " + text
                    + "T09:00:00+01:00");
        }
        try {
            return IsoTimes.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidRequestException("sendAt", IsoTimes.problem(text));
        }
    }

    private static void checkPage(int page, int size) {
        if (page < 0) {
            throw new InvalidRequestException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidRequestException("size", "must be 1 to " + MAX_PAGE_SIZE);
        }
    }
}
