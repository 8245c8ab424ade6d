package nl.mailwijs.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's frame shows: who is signed in, what they may do, and the page's own path for the language links. */
@ControllerAdvice(basePackageClasses = PageModel.class)
@ConditionalOnWebApplication
class PageModel {

    /** The signed-in person, or null on the sign-in page. */
    public record Viewer(String name, boolean mayChange, boolean admin) {
    }

    @ModelAttribute("viewer")
    Viewer viewer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || "anonymousUser".equals(authentication.getPrincipal())) {
            return null;
        }
        boolean admin = has(authentication, "ROLE_ADMIN");
        return new Viewer(authentication.getName(), admin || has(authentication, "ROLE_MARKETER"), admin);
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    private static boolean has(Authentication authentication, String authority) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authority::equals);
    }
}
