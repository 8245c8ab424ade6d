package nl.mailwijs.web;

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
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.mailwijs.campaigns.Campaign;
import nl.mailwijs.campaigns.CampaignDraft;
import nl.mailwijs.campaigns.CampaignState;
import nl.mailwijs.campaigns.CampaignStateException;
import nl.mailwijs.campaigns.Campaigns;
import nl.mailwijs.campaigns.Outbox;
import nl.mailwijs.campaigns.Preflight;
import nl.mailwijs.campaigns.UnknownCampaignException;
import nl.mailwijs.content.BodyFormat;
import nl.mailwijs.content.ContentException;
import nl.mailwijs.content.ContentValidationException;
import nl.mailwijs.content.MessageRecipient;
import nl.mailwijs.content.RenderedMessage;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsStore;

/**
 * Campaigns from draft to results: write the content (previewed at desktop and phone width,
 * with the footer the law asks for), run the pre-flight (who may be mailed on what basis, who not
 * and why, with examples), send, follow the progress live, and see what came of it.
 */
@Controller
@ConditionalOnWebApplication
class CampaignPages {

    /** An example recipient for previews: no name (the merge fields' defaults show), an example address. */
    static final String PREVIEW_ADDRESS = "voorbeeld@example.nl";

    private final Campaigns campaigns;
    private final Preflight preflight;
    private final Outbox outbox;
    private final SettingsStore settings;
    private final Validator validator;
    private final String publicUrl;

    CampaignPages(Campaigns campaigns, Preflight preflight, Outbox outbox, SettingsStore settings, Validator validator,
                  @Value("${mailwijs.public-url:http://localhost:${server.port:8080}}") String publicUrl) {
        this.campaigns = campaigns;
        this.preflight = preflight;
        this.outbox = outbox;
        this.settings = settings;
        this.validator = validator;
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
            model.addAttribute("errorDetail", e.problem());
            return form(model, form, existing, errors, List.of());
        } catch (ContentValidationException e) {
            return form(model, form, existing, Map.of("body", "campaign.error.content"), e.problems().stream()
                    .map(problem -> new ContentLine(problem.part(), problem.line(), problem.message())).toList());
        } catch (ContentException | CampaignStateException e) {
            model.addAttribute("errorDetail", e.getMessage());
            return form(model, form, existing, Map.of("", "campaign.error.notSaved"), List.of());
        }
    }

    /** One problem the content check found, where it is. */
    public record ContentLine(String part, int line, String message) {
    }

    private String form(Model model, CampaignForm form, Campaign existing, Map<String, String> errors, List<ContentLine> contentProblems) {
        model.addAttribute("form", form);
        model.addAttribute("campaign", existing);
        model.addAttribute("errors", errors);
        model.addAttribute("contentProblems", contentProblems);
        model.addAttribute("purposes", Purpose.values());
        model.addAttribute("languages", Language.values());
        model.addAttribute("formats", BodyFormat.values());
        model.addAttribute("segments", campaigns.segments());
        model.addAttribute("hasSettings", settings.current().isPresent());
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
                model.addAttribute("previewProblem", e.getMessage());
            }
        }
        model.addAttribute("report", preflight.lastReport(id).orElse(null));
        model.addAttribute("progress", campaign.state() == CampaignState.DRAFT ? null : outbox.progress(id));
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
            redirect.addFlashAttribute("actionDetail", e.getMessage());
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
            redirect.addFlashAttribute("actionDetail", e.getMessage());
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
            redirect.addFlashAttribute("actionDetail", e.getMessage());
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
        model.addAttribute("progress", campaign.state() == CampaignState.DRAFT ? null : outbox.progress(id));
        return "campaigns/show :: progress";
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
