package nl.mailwijs.campaigns.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
import nl.mailwijs.campaigns.CampaignStateException;
import nl.mailwijs.campaigns.Campaigns;
import nl.mailwijs.campaigns.Outbox;
import nl.mailwijs.campaigns.Preflight;
import nl.mailwijs.campaigns.PreflightReport;
import nl.mailwijs.campaigns.Segment;
import nl.mailwijs.campaigns.UnknownCampaignException;
import nl.mailwijs.content.ContentException;
import nl.mailwijs.content.ContentValidationException;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsStore;

/**
 * Campaigns over REST: write (a draft, changed as often as needed), pre-flight (who may be
 * mailed and why not), send (queue the allowed recipients), follow (progress, the outbox), and
 * pause, resume or cancel. Segments are saved audiences.
 */
@RestController
class CampaignController {

    static final int MAX_PAGE_SIZE = 500;

    private final Campaigns campaigns;
    private final Preflight preflight;
    private final Outbox outbox;
    private final SettingsStore settings;
    private final JdbcClient jdbc;

    CampaignController(Campaigns campaigns, Preflight preflight, Outbox outbox, SettingsStore settings, JdbcClient jdbc) {
        this.campaigns = campaigns;
        this.preflight = preflight;
        this.outbox = outbox;
        this.settings = settings;
        this.jdbc = jdbc;
    }

    record CampaignPage(List<Campaign> campaigns, int page, int size, long total) {
    }

    record SegmentRequest(String name, Audience audience) {
    }

    record Queued(long campaignId, long queued) {
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

    private static void checkPage(int page, int size) {
        if (page < 0) {
            throw new InvalidRequestException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidRequestException("size", "must be 1 to " + MAX_PAGE_SIZE);
        }
    }

    @ExceptionHandler(UnknownCampaignException.class)
    ProblemDetail unknown(UnknownCampaignException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(CampaignStateException.class)
    ProblemDetail state(CampaignStateException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Not possible in the campaign's state");
        return problem;
    }

    @ExceptionHandler(ContentValidationException.class)
    ProblemDetail content(ContentValidationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("The content cannot be sent");
        problem.setProperty("problems", e.problems().stream()
                .map(p -> Map.of("part", p.part(), "line", p.line(), "column", p.column(), "message", p.message())).toList());
        return problem;
    }

    @ExceptionHandler(ContentException.class)
    ProblemDetail contentOther(ContentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("The content cannot be sent");
        return problem;
    }
}
