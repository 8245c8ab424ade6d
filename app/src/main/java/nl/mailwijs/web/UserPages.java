package nl.mailwijs.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.platform.AdminAccounts;
import nl.mailwijs.platform.UserRole;

/** Who may sign in and with what role; only an administrator sees this (platform's security says so). */
@Controller
@ConditionalOnWebApplication
class UserPages {

    private final AdminAccounts accounts;

    UserPages(AdminAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/users")
    String list(Model model) {
        model.addAttribute("accounts", accounts.accounts());
        model.addAttribute("roles", UserRole.values());
        model.addAttribute("minPassword", AdminAccounts.MIN_PASSWORD);
        return "users";
    }

    @PostMapping("/users")
    String create(@RequestParam(required = false) String username, @RequestParam(required = false) String password,
                  @RequestParam(required = false) String role, RedirectAttributes redirect) {
        try {
            accounts.create(username, password, roleOf(role));
            redirect.addFlashAttribute("created", username.strip().toLowerCase(java.util.Locale.ROOT));
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("userError", "users.error." + e.field());
            redirect.addFlashAttribute("username", username);
        }
        return "redirect:/users";
    }

    @PostMapping("/users/role")
    String changeRole(@RequestParam String username, @RequestParam(required = false) String role, RedirectAttributes redirect) {
        try {
            accounts.changeRole(username, roleOf(role));
            redirect.addFlashAttribute("changed", username);
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("userError", "users.error." + e.field());
        }
        return "redirect:/users";
    }

    private static UserRole roleOf(String role) {
        for (UserRole known : UserRole.values()) {
            if (known.name().equals(role)) {
                return known;
            }
        }
        throw new InvalidRequestException("role", "choose ADMIN, MARKETER or VIEWER");
    }
}
