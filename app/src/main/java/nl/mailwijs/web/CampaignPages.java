package nl.mailwijs.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.mailwijs.campaigns.Audience;
import nl.mailwijs.campaigns.Campaign;
import nl.mailwijs.campaigns.CampaignDraft;
import nl.mailwijs.campaigns.CampaignScheduler;
import nl.mailwijs.campaigns.CampaignState;
import nl.mailwijs.campaigns.CampaignStateException;
import nl.mailwijs.campaigns.Campaigns;
import nl.mailwijs.campaigns.Outbox;
import nl.mailwijs.campaigns.Preflight;
import nl.mailwijs.campaigns.Segment;
import nl.mailwijs.campaigns.UnknownCampaignException;
import nl.mailwijs.content.BodyFormat;
import nl.mailwijs.content.ContentException;
import nl.mailwijs.content.ContentValidationException;
import nl.mailwijs.content.MessageRecipient;
import nl.mailwijs.content.RenderedMessage;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsStore;

/**
 * Campaigns from draft to results, in five steps the pages show as such: write the content
 * (previewed at desktop and phone width, with the footer the law asks for); choose the audience
 * (a saved segment, or a new one defined and counted here); run the pre-flight (who may be mailed
 * on what basis, who not and why, with examples); send now or schedule for a time in the
 * Netherlands (and take it off the schedule again); follow the progress live and see what came of it.
 */
@Controller
@ConditionalOnWebApplication
class CampaignPages {

    /** An example recipient for previews: no name (the merge fields' defaults show), an example address. */
    static final String PREVIEW_ADDRESS = "voorbeeld@example.nl";

    private final Campaigns campaigns;
    private final Preflight preflight;
    private final Outbox outbox;
    private final CampaignScheduler scheduler;
    private final SettingsStore settings;
    private final Validator validator;
    private final java.time.Clock clock;
    private final String publicUrl;

    CampaignPages(Campaigns campaigns, Preflight preflight, Outbox outbox, CampaignScheduler scheduler, SettingsStore settings,
                  Validator validator, java.time.Clock clock,
                  @Value("${mailwijs.public-url:http://localhost:${server.port:8080}}") String publicUrl) {
        this.campaigns = campaigns;
        this.preflight = preflight;
        this.outbox = outbox;
        this.scheduler = scheduler;
        this.settings = settings;
        this.validator = validator;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @GetMapping("/campaigns")
    String list(Model model) {
        model.addAttribute("campaigns", campaigns.list(0, 200));
        model.addAttribute("total", campaigns.count());
        return "campaigns/list";
    }

    @GetMapping("/campaigns/new")
    String newCampaign(Model model) {
        SenderSettings current = settings.current().orElse(null);
        CampaignForm form = CampaignForm.empty();
        if (current != null) {
            form = new CampaignForm("", form.purpose(), "", form.containsPromotion(), "", current.tradeName() != null ? current.tradeName()
                    : current.legalName(), "", "", form.bodyFormat(), "", "", form.language(), "");
        }
        return form(model, form, null, Map.of(), List.of());
    }

    @PostMapping("/campaigns")
    String create(@ModelAttribute CampaignForm form, Model model) {
        SenderSettings current = settings.current().orElse(null);
        if (current == null) {
            return form(model, form, null, Map.of("", "campaign.error.noSettings"), List.of());
        }
        return save(model, form, null, draft -> campaigns.create(draft, current));
    }

    @GetMapping("/campaigns/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        Campaign campaign = require(id);
        if (campaign.state() != CampaignState.DRAFT) {
            return "redirect:/campaigns/" + id;
        }
        return form(model, CampaignForm.of(campaign), campaign, Map.of(), List.of());
    }

    @PostMapping("/campaigns/{id}")
    String update(@PathVariable long id, @ModelAttribute CampaignForm form, Model model) {
        Campaign campaign = require(id);
        SenderSettings current = settings.current().orElse(null);
        if (current == null) {
            return form(model, form, campaign, Map.of("", "campaign.error.noSettings"), List.of());
        }
        return save(model, form, campaign, draft -> campaigns.update(id, draft, current));
    }

    private String save(Model model, CampaignForm form, Campaign existing, java.util.function.Function<CampaignDraft, Campaign> store) {
        CampaignDraft draft = form.draft();
        Map<String, String> errors = new LinkedHashMap<>();
        Set<ConstraintViolation<CampaignDraft>> violations = validator.validate(draft);
        for (ConstraintViolation<CampaignDraft> violation : violations) {
            String annotation = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
            errors.putIfAbsent(violation.getPropertyPath().toString(), annotation.equals("Size") ? "campaign.error.tooLong" : "campaign.error.required");
        }
        if (!errors.isEmpty()) {
            return form(model, form, existing, errors, List.of());
        }
        try {
            Campaign saved = store.apply(draft);
            return "redirect:/campaigns/" + saved.id();
        } catch (InvalidRequestException e) {
            errors.put(e.field(), "campaign.error.invalid");
            model.addAttribute("errorDetail", PageText.problemOf(e));
            return form(model, form, existing, errors, List.of());
        } catch (ContentValidationException e) {
            return form(model, form, existing, Map.of("body", "campaign.error.content"), contentLines(e));
        } catch (ContentException e) {
            return form(model, form, existing, Map.of("", "campaign.error.notSaved"), contentLines(e));
        } catch (CampaignStateException e) {
            model.addAttribute("errorDetail", PageText.problemOf(e));
            return form(model, form, existing, Map.of("", "campaign.error.notSaved"), List.of());
        }
    }

    /**
     * Each problem the content check found, with where it is: the part (subject, body, …) in the
     * person's words, and the line and column when it is at a place in the text.
     */
    static List<PageText> contentLines(ContentException e) {
        return e.problems().stream().map(problem -> {
            PageText part = PageText.of("contentPart." + problem.part());
            PageText what = PageText.of(problem.code(), problem.arguments());
            return problem.line() == 0 ? PageText.of("campaign.error.contentPart", part, what)
                    : PageText.of("campaign.error.contentAt", part, problem.line(), problem.column(), what);
        }).toList();
    }

    private String form(Model model, CampaignForm form, Campaign existing, Map<String, String> errors, List<PageText> contentProblems) {
        model.addAttribute("form", form);
        model.addAttribute("campaign", existing);
        model.addAttribute("errors", errors);
        model.addAttribute("contentProblems", contentProblems);
        model.addAttribute("purposes", Purpose.values());
        model.addAttribute("languages", Language.values());
        model.addAttribute("formats", BodyFormat.values());
        model.addAttribute("segments", campaigns.segments());
        model.addAttribute("hasSettings", settings.current().isPresent());
        model.addAttribute("steps", steps(existing, 1));
        return "campaigns/form";
    }

    @GetMapping("/campaigns/{id}")
    String show(@PathVariable long id, Model model) {
        Campaign campaign = require(id);
        model.addAttribute("campaign", campaign);
        model.addAttribute("segment", campaign.segmentId() == null ? null : campaigns.segment(campaign.segmentId()).orElse(null));
        Optional<SenderSettings> current = settings.current();
        if (current.isPresent()) {
            try {
                RenderedMessage preview = preview(campaign, current.get());
                model.addAttribute("preview", preview);
            } catch (ContentException e) {
                model.addAttribute("previewProblems", contentLines(e));
            }
        }
        model.addAttribute("report", preflight.lastReport(id).orElse(null));
        model.addAttribute("progress", hasProgress(campaign) ? outbox.progress(id) : null);
        model.addAttribute("steps", steps(campaign, step(campaign)));
        model.addAttribute("zone", Times.SHOWN_IN.getId());
        return "campaigns/show";
    }

    /** The HTML as an example recipient gets it, for the preview frames: sandboxed, loading nothing. */
    @GetMapping("/campaigns/{id}/preview")
    @ResponseBody
    ResponseEntity<String> previewHtml(@PathVariable long id) {
        Campaign campaign = require(id);
        SenderSettings current = settings.current().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            return MailCatcherPages.framed(preview(campaign, current).html());
        } catch (ContentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    @PostMapping("/campaigns/{id}/preflight")
    String runPreflight(@PathVariable long id, RedirectAttributes redirect) {
        require(id);
        try {
            preflight.run(id);
        } catch (CampaignStateException | InvalidRequestException e) {
            redirect.addFlashAttribute("actionError", "campaign.preflight.failed");
            redirect.addFlashAttribute("actionDetail", PageText.problemOf(e));
        } catch (ContentException e) {
            // The campaign's content no longer compiles against the sender settings (e.g. the legal name was removed).
            redirect.addFlashAttribute("actionError", "campaign.preflight.failed");
            redirect.addFlashAttribute("actionDetails", contentLines(e));
        }
        return "redirect:/campaigns/" + id + "#preflight";
    }

    @PostMapping("/campaigns/{id}/send")
    String send(@PathVariable long id, RedirectAttributes redirect) {
        require(id);
        try {
            long queued = outbox.queue(id, preflight);
            redirect.addFlashAttribute("queued", queued);
        } catch (CampaignStateException | InvalidRequestException e) {
            redirect.addFlashAttribute("actionError", "campaign.send.failed");
            redirect.addFlashAttribute("actionDetail", PageText.problemOf(e));
        }
        return "redirect:/campaigns/" + id + "#progress";
    }

    @PostMapping("/campaigns/{id}/pause")
    String pause(@PathVariable long id, RedirectAttributes redirect) {
        return change(id, redirect, () -> outbox.pause(id));
    }

    @PostMapping("/campaigns/{id}/resume")
    String resume(@PathVariable long id, RedirectAttributes redirect) {
        return change(id, redirect, () -> outbox.resume(id));
    }

    @PostMapping("/campaigns/{id}/cancel")
    String cancel(@PathVariable long id, RedirectAttributes redirect) {
        return change(id, redirect, () -> outbox.cancel(id));
    }

    private String change(long id, RedirectAttributes redirect, Runnable action) {
        require(id);
        try {
            action.run();
        } catch (CampaignStateException e) {
            redirect.addFlashAttribute("actionError", "campaign.state.failed");
            redirect.addFlashAttribute("actionDetail", PageText.problemOf(e));
        }
        return "redirect:/campaigns/" + id + "#progress";
    }

    /** The progress block alone: htmx asks for it every second while the campaign goes out. */
    @GetMapping("/campaigns/{id}/progress")
    String progress(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Campaign campaign = require(id);
        if (htmx == null) {
            return "redirect:/campaigns/" + id + "#progress";
        }
        model.addAttribute("campaign", campaign);
        model.addAttribute("progress", hasProgress(campaign) ? outbox.progress(id) : null);
        return "campaigns/show :: progress";
    }

    // --- step 2: the audience

    /**
     * The audience step. Counting reads every contact (seconds for a million), so the page comes
     * without the count unless asked ({@code ?count=true}, the link in the page); htmx fetches it
     * as soon as the page has loaded.
     */
    @GetMapping("/campaigns/{id}/audience")
    String audience(@PathVariable long id, @RequestParam(name = "count", defaultValue = "false") boolean count, Model model) {
        Campaign campaign = require(id);
        return audiencePage(model, campaign, AudienceForm.empty(), Map.of(), null, count);
    }

    /** The current audience with its count alone, for htmx. */
    @GetMapping("/campaigns/{id}/audience/count")
    String audienceCount(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Campaign campaign = require(id);
        if (htmx == null) {
            return "redirect:/campaigns/" + id + "/audience?count=true";
        }
        currentAudience(model, campaign, true);
        return "campaigns/audience :: count";
    }

    /** Uses a saved segment (or, with none chosen, everyone with an e-mail address) for the campaign. */
    @PostMapping("/campaigns/{id}/audience")
    String chooseAudience(@PathVariable long id, @RequestParam(name = "segmentId", required = false) String segmentId,
                          RedirectAttributes redirect) {
        Campaign campaign = require(id);
        Long segment = null;
        if (segmentId != null && !segmentId.isBlank()) {
            try {
                segment = campaigns.segment(Long.parseLong(segmentId.strip())).map(Segment::id).orElse(null);
            } catch (NumberFormatException e) {
                segment = null;
            }
            if (segment == null) {
                redirect.addFlashAttribute("actionError", "campaign.audience.unknownSegment");
                return "redirect:/campaigns/" + id + "/audience";
            }
        }
        if (useSegment(campaign, segment, redirect)) {
            redirect.addFlashAttribute("audienceSaved", true);
        }
        return "redirect:/campaigns/" + id + "/audience";
    }

    /** Counts a segment as defined (action "count"), or saves it and uses it for the campaign. */
    @PostMapping("/campaigns/{id}/segments")
    String defineSegment(@PathVariable long id, @ModelAttribute AudienceForm form,
                         @RequestParam(name = "action", defaultValue = "count") String action, Model model,
                         RedirectAttributes redirect) {
        Campaign campaign = require(id);
        Audience audience;
        try {
            audience = form.audience();
        } catch (InvalidRequestException e) {
            return audiencePage(model, campaign, form, Map.of(formField(e.field()), "campaign.audience.error." + formField(e.field())),
                    null, false);
        }
        if (!"save".equals(action)) {
            return audiencePage(model, campaign, form, Map.of(), preflight.audienceSize(audience), false);
        }
        Segment segment;
        try {
            segment = campaigns.createSegment(form.segmentName(), audience);
        } catch (InvalidRequestException e) {
            String field = e.field().equals("name") ? "segmentName" : formField(e.field());
            return audiencePage(model, campaign, form, Map.of(field, "campaign.audience.error." + field), null, false);
        }
        if (useSegment(campaign, segment.id(), redirect)) {
            redirect.addFlashAttribute("audienceSaved", true);
        }
        return "redirect:/campaigns/" + id + "/audience";
    }

    private String audiencePage(Model model, Campaign campaign, AudienceForm form, Map<String, String> errors, Long draftCount,
                                boolean count) {
        currentAudience(model, campaign, count);
        model.addAttribute("segments", campaigns.segments());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("draftCount", draftCount);
        model.addAttribute("channels", Channel.values());
        model.addAttribute("steps", steps(campaign, 2));
        return "campaigns/audience";
    }

    /** The campaign, its segment (null for everyone) and, when asked, how many contacts that selects (else null). */
    private void currentAudience(Model model, Campaign campaign, boolean count) {
        Segment current = campaign.segmentId() == null ? null : campaigns.segment(campaign.segmentId()).orElse(null);
        model.addAttribute("campaign", campaign);
        model.addAttribute("segment", current);
        model.addAttribute("selected", count ? preflight.audienceSize(current == null ? Audience.EVERYONE : current.audience()) : null);
    }

    /** The form field an audience problem is about: {@code attributes.city} and {@code tags[2]} are the attributes and tags fields. */
    private static String formField(String field) {
        String name = field.startsWith("audience.") ? field.substring("audience.".length()) : field;
        int end = name.length();
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.' || name.charAt(i) == '[') {
                end = i;
                break;
            }
        }
        String base = name.substring(0, end);
        return java.util.List.of("segmentName", "tags", "countries", "attributes", "channels", "purchaseCategories", "purchasedWithinDays",
                "purchasedAfter", "purchasedBefore", "consentTopics").contains(base) ? base : "segmentName";
    }

    /** Saves the campaign with this segment: a new version, so its pre-flight is to be run again. */
    private boolean useSegment(Campaign campaign, Long segmentId, RedirectAttributes redirect) {
        SenderSettings current = settings.current().orElse(null);
        if (current == null) {
            redirect.addFlashAttribute("actionError", "campaign.error.noSettings");
            return false;
        }
        boolean fromTemplate = campaign.templateId() != null;
        CampaignDraft draft = new CampaignDraft(campaign.name(), campaign.purpose(), campaign.topics(), campaign.containsPromotion(),
                campaign.fromAddress(), campaign.fromName(), campaign.subject(), campaign.preheader(),
                fromTemplate ? null : campaign.bodyFormat(), fromTemplate ? null : campaign.body(),
                fromTemplate ? null : campaign.textBody(), campaign.language(), segmentId, campaign.templateId(), campaign.layoutId());
        try {
            campaigns.update(campaign.id(), draft, current);
            return true;
        } catch (CampaignStateException | InvalidRequestException e) {
            redirect.addFlashAttribute("actionError", "campaign.audience.failed");
            redirect.addFlashAttribute("actionDetail", PageText.problemOf(e));
            return false;
        } catch (ContentException e) {
            redirect.addFlashAttribute("actionError", "campaign.audience.failed");
            redirect.addFlashAttribute("actionDetails", contentLines(e));
            return false;
        }
    }

    // --- step 4: send now or later

    /** Schedules the campaign for a time as shown in the Netherlands ({@code datetime-local}, no zone), stored as an instant. */
    @PostMapping("/campaigns/{id}/schedule")
    String schedule(@PathVariable long id, @RequestParam(name = "sendAt", required = false) String sendAt, RedirectAttributes redirect) {
        require(id);
        Instant at;
        try {
            at = sendAt == null || sendAt.isBlank() ? null : LocalDateTime.parse(sendAt.strip()).atZone(Times.SHOWN_IN).toInstant();
        } catch (DateTimeParseException e) {
            at = null;
        }
        if (at == null) {
            redirect.addFlashAttribute("actionError", "campaign.schedule.invalid");
            return "redirect:/campaigns/" + id + "#send";
        }
        // Checked here too, to say it in the page's language; the scheduler checks the same.
        Instant now = clock.instant();
        if (!at.isAfter(now)) {
            redirect.addFlashAttribute("actionError", "campaign.schedule.past");
            return "redirect:/campaigns/" + id + "#send";
        }
        if (at.isAfter(now.plus(366, ChronoUnit.DAYS))) {
            redirect.addFlashAttribute("actionError", "campaign.schedule.tooFar");
            return "redirect:/campaigns/" + id + "#send";
        }
        try {
            scheduler.schedule(id, at);
            redirect.addFlashAttribute("scheduled", true);
        } catch (CampaignStateException | InvalidRequestException e) {
            redirect.addFlashAttribute("actionError", "campaign.schedule.failed");
            redirect.addFlashAttribute("actionDetail", PageText.problemOf(e));
        }
        return "redirect:/campaigns/" + id + "#send";
    }

    /** Takes the campaign off the schedule: a draft again, to be changed, pre-flighted, sent or scheduled anew. */
    @PostMapping("/campaigns/{id}/unschedule")
    String unschedule(@PathVariable long id, RedirectAttributes redirect) {
        require(id);
        try {
            scheduler.unschedule(id);
            redirect.addFlashAttribute("unscheduled", true);
        } catch (CampaignStateException e) {
            redirect.addFlashAttribute("actionError", "campaign.schedule.cancelFailed");
            redirect.addFlashAttribute("actionDetail", PageText.problemOf(e));
        }
        return "redirect:/campaigns/" + id + "#send";
    }

    /**
     * One step of the indicator: its message key, the page or section it links to (null for the
     * current step, and for the steps the campaign cannot reach yet), whether it is the current
     * one or lies behind.
     */
    public record Step(String key, String href, boolean current, boolean done) {
    }

    static List<Step> steps(Campaign campaign, int current) {
        List<String> keys = List.of("content", "audience", "preflight", "send", "results");
        List<Step> steps = new java.util.ArrayList<>();
        for (int number = 1; number <= keys.size(); number++) {
            String href = null;
            // Results exist only once the campaign goes out: before that the step is text, not a link to nothing.
            boolean reachable = campaign != null && (number < 5 || hasProgress(campaign));
            if (reachable && number != current) {
                String page = "/campaigns/" + campaign.id();
                href = switch (number) {
                    case 1 -> campaign.state() == CampaignState.DRAFT ? page + "/edit" : page + "#preview-heading";
                    case 2 -> page + "/audience";
                    case 3 -> page + "#preflight";
                    case 4 -> page + "#send";
                    default -> page + "#progress";
                };
            }
            steps.add(new Step(keys.get(number - 1), href, number == current, number < current));
        }
        return steps;
    }

    /** The step the campaign is at: 3 pre-flight, 4 send or schedule, 5 results. */
    static int step(Campaign campaign) {
        return switch (campaign.state()) {
            case DRAFT -> campaign.preflightCurrent() ? 4 : 3;
            case SCHEDULED -> 4;
            default -> 5;
        };
    }

    private static boolean hasProgress(Campaign campaign) {
        return campaign.state() != CampaignState.DRAFT && campaign.state() != CampaignState.SCHEDULED;
    }

    private RenderedMessage preview(Campaign campaign, SenderSettings current) {
        return campaigns.compile(campaign, current).render(new MessageRecipient(null, null, PREVIEW_ADDRESS, Map.of(),
                publicUrl + "/u/" + "voorbeeld", Basis.CONSENT));
    }

    private Campaign require(long id) {
        try {
            return campaigns.require(id);
        } catch (UnknownCampaignException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
