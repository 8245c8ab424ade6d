package nl.mailwijs.web;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.signup.ConsentText;
import nl.mailwijs.signup.ConsentTextDraft;
import nl.mailwijs.signup.ConsentTextVersion;
import nl.mailwijs.signup.ConsentTexts;
import nl.mailwijs.signup.UnknownSignupException;

/**
 * Consent texts and their versions. The pages never change a version: consents point to the
 * version the person read, so a new wording is always a new version, and the earlier ones stay.
 */
@Controller
@ConditionalOnWebApplication
class ConsentTextPages {

    private final ConsentTexts texts;

    ConsentTextPages(ConsentTexts texts) {
        this.texts = texts;
    }

    /**
     * A version as typed: topics one a line as {@code topic: label} (the label may be left out).
     *
     * @param name only for a new text
     */
    public record VersionForm(String name, String wording, String language, String topics, List<Channel> channels) {

        static VersionForm empty() {
            return new VersionForm("", "", "nl", "", List.of(Channel.EMAIL));
        }

        /** The next version starts from the latest one's content. */
        static VersionForm of(ConsentTextVersion latest) {
            StringBuilder topics = new StringBuilder();
            latest.topics().forEach(topic -> topics.append(topic.topic()).append(": ").append(topic.label()).append('\n'));
            return new VersionForm(null, latest.wording(), latest.language(), topics.toString(), List.copyOf(latest.channels()));
        }

        public boolean has(Channel channel) {
            return channels != null && channels.contains(channel);
        }

        ConsentTextDraft draft() {
            List<ConsentTextVersion.Topic> parsed = new ArrayList<>();
            for (String line : (topics == null ? "" : topics).split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                int colon = line.indexOf(':');
                parsed.add(colon < 0 ? new ConsentTextVersion.Topic(line.strip(), null)
                        : new ConsentTextVersion.Topic(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
            }
            Set<Channel> chosen = channels == null || channels.isEmpty() ? Set.of() : EnumSet.copyOf(channels);
            return new ConsentTextDraft(wording, language, parsed, chosen);
        }
    }

    @GetMapping("/settings/consent-texts")
    String list(Model model) {
        model.addAttribute("texts", texts.list());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", VersionForm.empty());
        }
        return common(model, "settings/consent-texts");
    }

    @PostMapping("/settings/consent-texts")
    String create(@ModelAttribute VersionForm form, RedirectAttributes redirect) {
        try {
            ConsentText created = texts.create(form.name(), form.draft());
            redirect.addFlashAttribute("created", created.latest().version());
            return "redirect:/settings/consent-texts/" + created.id();
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("form", form);
            redirect.addFlashAttribute("textError", errorKey(e));
            return "redirect:/settings/consent-texts";
        }
    }

    @GetMapping("/settings/consent-texts/{id}")
    String text(@PathVariable long id, Model model) {
        ConsentText text = texts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("text", text);
        // Newest first: the version forms show is usually the latest.
        model.addAttribute("versions", text.versions().reversed());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", VersionForm.of(text.latest()));
        }
        return common(model, "settings/consent-text");
    }

    @PostMapping("/settings/consent-texts/{id}/versions")
    String addVersion(@PathVariable long id, @ModelAttribute VersionForm form, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("created", texts.addVersion(id, form.draft()).version());
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("form", form);
            redirect.addFlashAttribute("textError", errorKey(e));
        } catch (UnknownSignupException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/settings/consent-texts/" + id;
    }

    private static String common(Model model, String view) {
        model.addAttribute("channels", Channel.values());
        model.addAttribute("languages", Language.values());
        return view;
    }

    private static String errorKey(InvalidRequestException e) {
        String field = e.field().startsWith("topics") ? "topics" : e.field();
        return switch (field) {
            case "name", "wording", "language", "topics", "channels" -> "consentTexts.error." + field;
            default -> "settings.error.invalid";
        };
    }
}
