package nl.mailwijs.unsubscribe;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /u/{token}}: the unsubscribe link of one message.
 *
 * <ul>
 * <li>{@code GET} shows a page with one button and changes nothing: link scanners follow GETs.</li>
 * <li>{@code POST} (the button, or a mail client's RFC 8058 one-click with body
 * {@code List-Unsubscribe=One-Click}) records an objection to e-mail from this sender in the
 * ledger before it answers 200, without redirect, cookie, login or CSRF token.</li>
 * </ul>
 * A forged or altered token gets the same "this link does not work" page whether or not the
 * address exists. The objection covers the person, so every address they have is covered.
 * Most one-click POSTs are answered by {@link OneClickFilter} before they get here; this
 * answers the rest (the button, and one-click POSTs in another encoding) in the same words.
 */
@RestController
class UnsubscribeController {

    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final UnsubscribeLink link;

    UnsubscribeController(UnsubscribeLink link) {
        this.link = link;
    }

    @GetMapping("/u/{token}")
    ResponseEntity<String> page(@PathVariable String token, @RequestParam(required = false) String lang,
                                @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage) {
        return html(link.question(token, UnsubscribeLink.Texts.of(lang, acceptLanguage)));
    }

    @PostMapping("/u/{token}")
    ResponseEntity<String> unsubscribe(@PathVariable String token, @RequestParam(required = false) String lang,
                                       @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage,
                                       HttpServletRequest request) {
        boolean oneClick = "One-Click".equals(request.getParameter("List-Unsubscribe"));
        return html(link.unsubscribe(token, oneClick, request.getHeader("User-Agent"), UnsubscribeLink.Texts.of(lang, acceptLanguage)));
    }

    private static ResponseEntity<String> html(UnsubscribeLink.Answer answer) {
        return ResponseEntity.status(answer.status()).contentType(HTML).cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", PreferenceCentreController.PAGE_POLICY).body(answer.page());
    }
}
