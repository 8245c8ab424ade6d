package nl.mailwijs.unsubscribe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Answers RFC 8058 one-click POSTs to {@code /u/{token}} in front of every other filter.
 *
 * <p>Why: when a campaign goes out, mail providers post the one-clicks of many recipients within
 * minutes, and the objection must be stored before the answer (Tw 11.7: at once). Through the
 * whole stack (the security filter chain, request observation, MVC dispatch) three quarters of
 * the CPU of such a request went to the framework, not to verifying the token and appending
 * the objection; on a small machine that made the burst queue up. Nothing of that stack applies
 * here: the path needs no login, no session, no CSRF token, and the token is checked by its HMAC
 * before anything is read. So this filter records the objection through the same
 * {@link UnsubscribeLink} as {@link UnsubscribeController} and writes the same page with the
 * headers the security chain would have set.
 *
 * <p>It takes only what it is sure of: a POST whose path is {@code /u/} followed by a token of
 * the right length and alphabet, with form field {@code List-Unsubscribe=One-Click} in a
 * {@code application/x-www-form-urlencoded} body. Everything else (the page's button, the GET,
 * the preference centre, a multipart one-click) goes on to the controllers. These requests are
 * not counted in {@code http.server.requests}; each one is a record in the ledger.
 */
class OneClickFilter implements Filter {

    private static final Pattern ONE_CLICK_PATH = Pattern.compile("/u/[A-Za-z0-9_-]{43}");
    private static final String PATH_PREFIX = "/u/";

    private final UnsubscribeLink link;

    OneClickFilter(UnsubscribeLink link) {
        this.link = link;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        if (!(servletRequest instanceof HttpServletRequest request) || !(servletResponse instanceof HttpServletResponse response)
                || !isOneClick(request)) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        String token = request.getRequestURI().substring(request.getContextPath().length() + PATH_PREFIX.length());
        UnsubscribeLink.Answer answer = link.unsubscribe(token, true, request.getHeader("User-Agent"),
                UnsubscribeLink.Texts.of(request.getParameter("lang"), request.getHeader("Accept-Language")));
        byte[] page = answer.page().getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.status().value());
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(page.length);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", PreferenceCentreController.PAGE_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.getOutputStream().write(page);
    }

    private static boolean isOneClick(HttpServletRequest request) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        String contentType = request.getContentType();
        if (contentType == null || !contentType.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33)) {
            return false;
        }
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        if (!uri.startsWith(contextPath) || !ONE_CLICK_PATH.matcher(uri).region(contextPath.length(), uri.length()).matches()) {
            return false;
        }
        if (request.getCharacterEncoding() == null) {
            // As CharacterEncodingFilter would have: once read here, the form stays read for whoever comes next.
            request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        }
        return "One-Click".equals(request.getParameter("List-Unsubscribe"));
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<OneClickFilter> oneClickFilter(UnsubscribeLink link) {
            FilterRegistrationBean<OneClickFilter> registration = new FilterRegistrationBean<>(new OneClickFilter(link));
            registration.addUrlPatterns(PATH_PREFIX + "*");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            registration.setName("oneClickUnsubscribe");
            return registration;
        }
    }
}
