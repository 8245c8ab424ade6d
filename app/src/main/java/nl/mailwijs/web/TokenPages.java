package nl.mailwijs.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;

/**
 * API tokens for programs (a web shop, a script): listed without their secret, which is not
 * stored; a new one is shown once, on the page that answers its creation; revoking ends it at
 * once. Only an administrator sees this (platform's security says so), as a write token may do
 * what a marketer may.
 */
@Controller
@ConditionalOnWebApplication
class TokenPages {

    /** The column's length. */
    static final int MAX_NAME = 200;

    private final ApiTokens tokens;

    TokenPages(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/tokens")
    String list(Model model) {
        return page(model);
    }

    /**
     * Answers with the page itself rather than a redirect: the secret must not sit in the session
     * as a flash attribute, and the browser is told not to keep the page.
     */
    @PostMapping("/tokens")
    String create(@RequestParam(required = false) String name, @RequestParam(required = false) String scope, Model model,
                  HttpServletResponse response) {
        String cleanName = name == null ? "" : name.strip();
        TokenScope chosen = scope == null ? null : TokenScope.fromName(scope).orElse(null);
        if (cleanName.isEmpty() || cleanName.length() > MAX_NAME || cleanName.codePoints().anyMatch(Character::isISOControl)) {
            model.addAttribute("tokenError", "tokens.error.name");
        } else if (chosen == null) {
            model.addAttribute("tokenError", "tokens.error.scope");
        } else {
            model.addAttribute("secret", tokens.create(cleanName, chosen));
            model.addAttribute("createdName", cleanName);
            model.addAttribute("createdScope", chosen);
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            return page(model);
        }
        model.addAttribute("name", cleanName);
        return page(model);
    }

    @PostMapping("/tokens/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        tokens.list().stream().filter(token -> token.id() == id).findFirst().ifPresent(token -> {
            if (tokens.revoke(id)) {
                redirect.addFlashAttribute("revoked", token.name());
            }
        });
        return "redirect:/tokens";
    }

    private String page(Model model) {
        model.addAttribute("tokens", tokens.list().reversed());
        model.addAttribute("scopes", TokenScope.values());
        model.addAttribute("maxName", MAX_NAME);
        return "tokens";
    }
}
