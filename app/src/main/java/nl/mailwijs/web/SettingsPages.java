package nl.mailwijs.web;

import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsChange;
import nl.mailwijs.settings.SettingsStore;

/**
 * The sender's identity and policy, as a form over the versioned settings: saving makes a new
 * version and the earlier ones stay, as decisions name the version they used.
 */
@Controller
@ConditionalOnWebApplication
class SettingsPages {

    /**
     * Words of a registered legal form. A legal name without one (and without a KvK number) may be
     * a trade name or an alias, which does not identify the sender as Tw 11.7 lid 4 asks.
     */
    private static final Pattern LEGAL_FORM = Pattern.compile(
            "(?iu)(\\bb\\.?\\s?v\\.?(?=\\s|$)|\\bn\\.?\\s?v\\.?(?=\\s|$)|\\bv\\.?o\\.?f\\.?|\\bc\\.?v\\.?(?=\\s|$)|stichting|vereniging|co[oö]peratie"
                    + "|maatschap|eenmanszaak|\\bu\\.?a\\.?(?=\\s|$)|\\bltd\\b|\\bgmbh\\b|\\bs\\.?a\\.?(?=\\s|$)|\\bsarl\\b|\\binc\\b|\\bllc\\b)");

    private final SettingsStore settings;
    private final Validator validator;

    SettingsPages(SettingsStore settings, Validator validator) {
        this.settings = settings;
        this.validator = validator;
    }

    /** The form as posted; lists as text the way a person types them. */
    public record SettingsForm(String legalName, String tradeName, String kvkNumber, String postalAddress, String country,
                               String objectionAddress, String similarTopics, String softOptInMonths, String offerAddressLocalParts) {

        static SettingsForm of(SenderSettings current) {
            StringBuilder similar = new StringBuilder();
            current.similarTopics().forEach((category, topics) -> similar.append(category).append(": ").append(String.join(", ", topics)).append('\n'));
            return new SettingsForm(current.legalName(), current.tradeName(), current.kvkNumber(), current.postalAddress(), current.country(),
                    current.objectionAddress(), similar.toString(), String.valueOf(current.softOptInMonths()),
                    String.join(", ", current.offerAddressLocalParts()));
        }

        static SettingsForm empty() {
            return new SettingsForm("", "", "", "", "NL", "", "", "", "");
        }
    }

    @GetMapping("/settings")
    String show(Model model) {
        SettingsForm form = settings.current().map(SettingsForm::of).orElse(SettingsForm.empty());
        return page(model, form, Map.of());
    }

    @PostMapping("/settings")
    String save(@ModelAttribute SettingsForm form, Principal who, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, List<String>> similar = new LinkedHashMap<>();
        String similarText = form.similarTopics() == null ? "" : form.similarTopics();
        for (String line : similarText.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            List<String> topics = colon < 0 ? List.of() : Arrays.stream(line.substring(colon + 1).split(",")).map(String::strip)
                    .filter(topic -> !topic.isEmpty()).toList();
            if (colon <= 0 || line.substring(0, colon).isBlank() || topics.isEmpty()) {
                errors.put("similarTopics", "settings.error.similarTopics");
                break;
            }
            similar.put(line.substring(0, colon).strip(), topics);
        }
        Integer months = null;
        if (form.softOptInMonths() != null && !form.softOptInMonths().isBlank()) {
            try {
                months = Integer.valueOf(form.softOptInMonths().strip());
            } catch (NumberFormatException e) {
                errors.put("softOptInMonths", "settings.error.months");
            }
        }
        List<String> localParts = form.offerAddressLocalParts() == null || form.offerAddressLocalParts().isBlank() ? null
                : Arrays.stream(form.offerAddressLocalParts().split(",")).map(String::strip).filter(part -> !part.isEmpty()).toList();
        SettingsChange change = new SettingsChange(form.legalName(), form.tradeName(), blankToNull(form.kvkNumber()), form.postalAddress(),
                form.country() == null ? null : form.country().strip().toUpperCase(Locale.ROOT), form.objectionAddress(), similar, months,
                localParts);
        Set<ConstraintViolation<SettingsChange>> violations = validator.validate(change);
        for (ConstraintViolation<SettingsChange> violation : violations) {
            String field = violation.getPropertyPath().toString();
            errors.putIfAbsent(field, "settings.error." + field);
        }
        if (errors.isEmpty()) {
            try {
                SenderSettings saved = settings.change(change, who.getName());
                redirect.addFlashAttribute("savedVersion", saved.version());
                return "redirect:/settings";
            } catch (InvalidRequestException e) {
                errors.put(e.field().startsWith("similarTopics") ? "similarTopics" : e.field(), "settings.error." + (e.field().startsWith("similarTopics")
                        ? "similarTopics" : e.field().equals("country") ? "country" : "invalid"));
            }
        }
        return page(model, form, errors);
    }

    private String page(Model model, SettingsForm form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("history", settings.history().stream().limit(20).toList());
        model.addAttribute("aliasWarning", form.legalName() != null && !form.legalName().isBlank() && !LEGAL_FORM.matcher(form.legalName()).find()
                && (form.kvkNumber() == null || form.kvkNumber().isBlank()));
        return "settings";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
