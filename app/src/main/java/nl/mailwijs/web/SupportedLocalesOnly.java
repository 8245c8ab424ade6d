package nl.mailwijs.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Lets {@code ?lang=} choose only a language the pages are written in; {@code ?lang=fr} changes nothing. */
final class SupportedLocalesOnly implements HandlerInterceptor {

    private final LocaleChangeInterceptor change;

    SupportedLocalesOnly(LocaleChangeInterceptor change) {
        this.change = change;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        String lang = request.getParameter(change.getParamName());
        if (lang != null && WebConfiguration.SUPPORTED.stream().map(Locale::getLanguage).noneMatch(lang::equalsIgnoreCase)) {
            return true;
        }
        return change.preHandle(request, response, handler);
    }
}
