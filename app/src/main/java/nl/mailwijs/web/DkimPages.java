package nl.mailwijs.web;

import java.security.Principal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.delivery.DkimAlgorithm;
import nl.mailwijs.delivery.DkimKeyConflictException;
import nl.mailwijs.delivery.DkimKeyStore;
import nl.mailwijs.delivery.StoredDkimKey;

/**
 * The sender's DKIM keys: made here (the private half never leaves the database), each with the
 * DNS record to publish, then switched on. Activating one switches off the other active key of its
 * domain and algorithm, so rotating is one step, as in the API.
 */
@Controller
@ConditionalOnWebApplication
class DkimPages {

    private final DkimKeyStore keys;

    DkimPages(DkimKeyStore keys) {
        this.keys = keys;
    }

    @GetMapping("/settings/dkim")
    String list(Model model) {
        model.addAttribute("keys", keys.list());
        model.addAttribute("algorithms", DkimAlgorithm.values());
        return "settings/dkim";
    }

    @PostMapping("/settings/dkim")
    String generate(@RequestParam(required = false) String domain, @RequestParam(required = false) String selector,
                    @RequestParam(required = false) String algorithm, Principal who, RedirectAttributes redirect) {
        try {
            StoredDkimKey key = keys.generate(domain, selector, algorithm, false, who.getName());
            redirect.addFlashAttribute("generated", key.id());
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("dkimError", "dkim.error." + switch (e.field()) {
                case "domain", "selector", "algorithm" -> e.field();
                default -> "invalid";
            });
            keepTyped(redirect, domain, selector, algorithm);
        } catch (DkimKeyConflictException e) {
            redirect.addFlashAttribute("dkimError", "dkim.error.taken");
            keepTyped(redirect, domain, selector, algorithm);
        }
        return "redirect:/settings/dkim";
    }

    @PostMapping("/settings/dkim/{id}/activate")
    String activate(@PathVariable long id, RedirectAttributes redirect) {
        keys.activate(id).ifPresentOrElse(activated -> {
            redirect.addFlashAttribute("activated", activated.key().id());
            redirect.addFlashAttribute("replaced", activated.deactivated().size());
        }, () -> redirect.addFlashAttribute("dkimError", "dkim.error.unknown"));
        return "redirect:/settings/dkim";
    }

    @PostMapping("/settings/dkim/{id}/deactivate")
    String deactivate(@PathVariable long id, RedirectAttributes redirect) {
        keys.deactivate(id).ifPresentOrElse(key -> redirect.addFlashAttribute("deactivated", key.id()),
                () -> redirect.addFlashAttribute("dkimError", "dkim.error.unknown"));
        return "redirect:/settings/dkim";
    }

    private static void keepTyped(RedirectAttributes redirect, String domain, String selector, String algorithm) {
        redirect.addFlashAttribute("domain", domain);
        redirect.addFlashAttribute("selector", selector);
        redirect.addFlashAttribute("algorithm", algorithm);
    }
}
