package nl.mailwijs.web;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.mailwijs.delivery.MailCatcher;

/**
 * The built-in mail catcher: what Mailwijs sent while no relay is set, newest first; one message
 * with every header, its text part, and its HTML part in a sandboxed frame that runs nothing.
 */
@Controller
@ConditionalOnWebApplication
class MailCatcherPages {

    static final int PAGE_SIZE = 50;
    /**
     * A caught message's HTML is someone's content: framed from this origin only, sandboxed (no
     * script, no forms, no navigation), and with a policy that loads nothing from anywhere.
     */
    static final String FRAMED_MAIL_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox";
    private static final Pattern HTTP_LINK = Pattern.compile("<(https?://[^>\\s]+)>");

    private final MailCatcher catcher;

    MailCatcherPages(MailCatcher catcher) {
        this.catcher = catcher;
    }

    @GetMapping("/mail-catcher")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        int safePage = Math.max(0, Math.min(page, 10_000));
        model.addAttribute("running", catcher.running());
        model.addAttribute("port", catcher.port());
        model.addAttribute("problem", catcher.failure().map(MailCatcherPages::text).orElse(null));
        MailCatcher.Page found = catcher.running() ? catcher.list(safePage, PAGE_SIZE) : null;
        model.addAttribute("found", found);
        model.addAttribute("hasNext", found != null && (long) (safePage + 1) * PAGE_SIZE < found.total());
        return "mail-catcher/list";
    }

    @GetMapping("/mail-catcher/{id}")
    String show(@PathVariable long id, Model model) {
        MailCatcher.Details message = catcher.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("message", message);
        model.addAttribute("unsubscribeLink", message.headers().stream()
                .filter(header -> header.name().equalsIgnoreCase("List-Unsubscribe"))
                .map(header -> {
                    Matcher link = HTTP_LINK.matcher(header.value());
                    return link.find() ? link.group(1) : null;
                })
                .filter(java.util.Objects::nonNull)
                .findFirst().orElse(null));
        return "mail-catcher/show";
    }

    /** The HTML part alone, for the frame on the message page. */
    @GetMapping("/mail-catcher/{id}/html")
    @ResponseBody
    ResponseEntity<String> html(@PathVariable long id) {
        MailCatcher.Details message = catcher.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (message.html() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return framed(message.html());
    }

    @PostMapping("/mail-catcher/clear")
    String clear(RedirectAttributes redirect) {
        redirect.addFlashAttribute("cleared", catcher.clear());
        return "redirect:/mail-catcher";
    }

    /** Why the catcher does not run, with its port, in the person's language. */
    static PageText text(MailCatcher.StartFailure failure) {
        return PageText.of(failure.code().key(), failure.port());
    }

    static ResponseEntity<String> framed(String html) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", FRAMED_MAIL_POLICY)
                .body(html);
    }
}
