package nl.mailwijs.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

import nl.mailwijs.decisionjson.InvalidRequestException;

/**
 * Errors on the pages are pages, in the person's language, without exception text: the API's
 * problem documents (platform) stay for the API. Ordered first so that it answers for the web
 * controllers before the API's handler does.
 */
@ControllerAdvice(basePackageClasses = WebErrors.class)
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebErrors {

    private static final Logger LOG = LoggerFactory.getLogger(WebErrors.class);

    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView status(ResponseStatusException e) {
        return page(HttpStatus.valueOf(e.getStatusCode().value()));
    }

    @ExceptionHandler({InvalidRequestException.class, TypeMismatchException.class, MissingServletRequestParameterException.class})
    ModelAndView badRequest(Exception e) {
        return page(HttpStatus.BAD_REQUEST);
    }

    @ExceptionHandler(RuntimeException.class)
    ModelAndView unexpected(RuntimeException e) {
        LOG.error("a page failed", e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    private static ModelAndView page(HttpStatus status) {
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        return page;
    }
}
