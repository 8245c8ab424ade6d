package nl.mailwijs.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

import tools.jackson.databind.json.JsonMapper;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.signup.ConsentText;
import nl.mailwijs.signup.ConsentTextVersion;
import nl.mailwijs.signup.ConsentTexts;
import nl.mailwijs.signup.NewSignupForm;
import nl.mailwijs.signup.SignupForm;
import nl.mailwijs.signup.SignupFormEmbeds;
import nl.mailwijs.signup.SignupForms;

/**
 * Sign-up forms: each shows one consent text version for good, so the page offers the versions,
 * and once made shows the HTML to paste into a site and the JSON endpoint the same form takes.
 */
@Controller
@ConditionalOnWebApplication
class SignupFormPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SignupForms forms;
    private final ConsentTexts texts;
    private final SignupFormEmbeds embeds;

    SignupFormPages(SignupForms forms, ConsentTexts texts, SignupFormEmbeds embeds) {
        this.forms = forms;
        this.texts = texts;
        this.embeds = embeds;
    }

    /** The form as posted. */
    public record FormForm(String name, Long consentTextVersionId, String country, String fromAddress, String fromName, String redirectUrl,
                           String thanksText) {

        static FormForm empty() {
            return new FormForm("", null, "NL", "", "", "", "");
        }
    }

    /** A version a form may show, with the name of its text for the choice list. */
    public record VersionChoice(long id, String textName, int version, String language) {
    }

    /** A form in the list, with the version it shows. */
    public record FormRow(SignupForm form, String textName, Integer version) {
    }

    @GetMapping("/settings/forms")
    String list(Model model) {
        Map<Long, VersionChoice> versions = new LinkedHashMap<>();
        List<VersionChoice> choices = new ArrayList<>();
        for (ConsentText text : texts.list()) {
            for (ConsentTextVersion version : text.versions()) {
                VersionChoice choice = new VersionChoice(version.id(), text.name(), version.version(), version.language());
                versions.put(version.id(), choice);
                // A form asks for an e-mail address and confirms by e-mail: only an e-mail-only text fits (SignupForms says why).
                if (version.channels().equals(Set.of(Channel.EMAIL))) {
                    choices.add(choice);
                }
            }
        }
        model.addAttribute("forms", forms.list().stream().map(form -> {
            VersionChoice shown = versions.get(form.consentTextVersionId());
            return new FormRow(form, shown == null ? null : shown.textName(), shown == null ? null : shown.version());
        }).toList());
        model.addAttribute("choices", choices.reversed());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", FormForm.empty());
        }
        return "settings/forms";
    }

    @PostMapping("/settings/forms")
    String create(@ModelAttribute FormForm form, RedirectAttributes redirect) {
        try {
            if (form.consentTextVersionId() == null) {
                throw new InvalidRequestException("consentTextVersionId", "choose a consent text version");
            }
            SignupForm created = forms.create(new NewSignupForm(form.name(), form.consentTextVersionId(), null, null, null,
                    blankToNull(form.country()), form.fromAddress(), blankToNull(form.fromName()), blankToNull(form.redirectUrl()),
                    blankToNull(form.thanksText())));
            redirect.addFlashAttribute("created", true);
            return "redirect:/settings/forms/" + created.id();
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("form", form);
            redirect.addFlashAttribute("formError", switch (e.field()) {
                case "name", "consentTextVersionId", "country", "fromAddress", "fromName", "redirectUrl", "thanksText" -> "forms.error." + e.field();
                case "" -> "forms.error.settings";
                default -> "settings.error.invalid";
            });
            return "redirect:/settings/forms";
        }
    }

    @GetMapping("/settings/forms/{id}")
    String form(@PathVariable long id, Model model) {
        SignupForm form = forms.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        ConsentTextVersion version = texts.versionById(form.consentTextVersionId()).orElseThrow();
        model.addAttribute("form", form);
        model.addAttribute("version", version);
        model.addAttribute("textName", texts.find(version.consentTextId()).map(ConsentText::name).orElse(""));
        model.addAttribute("url", embeds.formUrl(form));
        model.addAttribute("embed", embeds.embedHtml(form));
        model.addAttribute("jsonExample", jsonExample(version));
        return "settings/form";
    }

    /** What a site's own script posts: the topics by their names, or {@code consent: true} for a text with one box. */
    private static String jsonExample(ConsentTextVersion version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", "anna@example.nl");
        body.put("name", "Anna de Vries");
        if (version.topics().isEmpty()) {
            body.put("consent", true);
        } else {
            body.put("topics", version.topics().stream().map(ConsentTextVersion.Topic::topic).toList());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
