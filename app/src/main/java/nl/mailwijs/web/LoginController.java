package nl.mailwijs.web;

import jakarta.servlet.http.HttpSession;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in form; Spring Security checks the password (and the lock-out) on its POST. */
@Controller
@ConditionalOnWebApplication
class LoginController {

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String signedOut, HttpSession session,
                 Model model) {
        if (error != null) {
            Object problem = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("loginError", problem instanceof LockedException ? "login.locked" : "login.failed");
        }
        model.addAttribute("signedOut", signedOut != null);
        return "login";
    }
}
