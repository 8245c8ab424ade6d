package nl.mailwijs.signup.internal;

import java.util.List;
import java.util.Map;

import org.springframework.web.util.HtmlUtils;

import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.signup.ConsentTextVersion;
import nl.mailwijs.signup.SignupForm;

/**
 * The HTML of the sign-up form (as a page of its own and as a snippet to paste into a site) and
 * of the pages around it. No JavaScript; every input has a label; focus is always visible; the
 * colours pass WCAG AA contrast. No box is ever rendered ticked: the template has no way to.
 */
final class SignupPages {

    /** The field people never see: it sits off-screen, out of the tab order and hidden from screen readers. */
    static final String HONEYPOT = "website";

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;"
            + "color:#1a1a1a;background:#fff;line-height:1.5}"
            + "label{font-weight:600}input[type=email],input[type=text]{font-size:1rem;padding:.45rem;width:100%;box-sizing:border-box;"
            + "border:1px solid #595959;border-radius:4px}"
            + "fieldset{border:1px solid #595959;border-radius:4px;margin:1rem 0;padding:.5rem 1rem}"
            + ".mw-box{display:flex;gap:.5rem;align-items:flex-start;margin:.4rem 0}.mw-box label{font-weight:400}"
            + "input[type=checkbox]{width:1.2rem;height:1.2rem;margin-top:.2rem}"
            + "button{font-size:1.1rem;padding:.6rem 1.4rem;background:#0b5394;color:#fff;border:0;border-radius:4px;cursor:pointer}"
            + "a{color:#0b5394}button:focus,input:focus,a:focus{outline:3px solid #b45f06;outline-offset:2px}"
            + ".mw-error{border:2px solid #a61c00;padding:.5rem 1rem;color:#a61c00}.mw-note{color:#404040;font-size:.95rem}";

    private SignupPages() {
    }

    static String page(Language language, String title, String body) {
        return "<!DOCTYPE html><html lang=\"" + tag(language) + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title) + "</title>"
                + "<style>" + STYLE + "</style></head><body><main><h1>" + escape(title) + "</h1>" + body + "</main></body></html>";
    }

    static String message(Language language, String title, String text) {
        return page(language, title, "<p>" + escape(text) + "</p>");
    }

    /** The form as a page of Mailwijs, with what went wrong on a second try and the values typed kept. */
    static String formPage(SignupForm form, ConsentTextVersion version, String legalName, String action, List<String> errors,
                           Map<String, String> typed) {
        Language language = Signups.languageOf(form);
        StringBuilder body = new StringBuilder();
        if (!errors.isEmpty()) {
            body.append("<div class=\"mw-error\" role=\"alert\"><h2>").append(escape(Texts.text(language, "form.errorTitle"))).append("</h2><ul>");
            errors.forEach(error -> body.append("<li>").append(escape(error)).append("</li>"));
            body.append("</ul></div>");
        }
        body.append(form(form, version, legalName, action, "mw-", typed));
        return page(language, form.name(), body.toString());
    }

    /** The snippet to paste into a site: the form alone, posting to Mailwijs, styled only where hiding the honeypot needs it. */
    static String embed(SignupForm form, ConsentTextVersion version, String legalName, String action) {
        return "<!-- Mailwijs sign-up form \"" + escape(form.name()).replace("--", "- -") + "\": paste as it is; changing the"
                + " wording or the boxes breaks the proof of consent -->\n"
                + form(form, version, legalName, action, "mw-" + form.formKey() + "-", Map.of()) + "\n";
    }

    private static String form(SignupForm form, ConsentTextVersion version, String legalName, String action, String idPrefix,
                               Map<String, String> typed) {
        Language language = Signups.languageOf(form);
        StringBuilder html = new StringBuilder();
        html.append("<form class=\"mailwijs-signup\" method=\"post\" action=\"").append(escape(action)).append("\" accept-charset=\"utf-8\"")
                .append(" lang=\"").append(tag(language)).append("\">\n");
        html.append("<p><label for=\"").append(idPrefix).append("email\">").append(escape(Texts.text(language, "form.email")))
                .append("</label><br><input type=\"email\" id=\"").append(idPrefix).append("email\" name=\"email\" required")
                .append(" autocomplete=\"email\" maxlength=\"320\" value=\"").append(escape(typed.getOrDefault("email", ""))).append("\"></p>\n");
        html.append("<p><label for=\"").append(idPrefix).append("name\">").append(escape(Texts.text(language, "form.name")))
                .append("</label><br><input type=\"text\" id=\"").append(idPrefix).append("name\" name=\"name\" autocomplete=\"name\"")
                .append(" maxlength=\"300\" value=\"").append(escape(typed.getOrDefault("name", ""))).append("\"></p>\n");
        if (version.topics().isEmpty()) {
            html.append("<div class=\"mw-box\"><input type=\"checkbox\" id=\"").append(idPrefix).append("consent\" name=\"consent\"")
                    .append(" value=\"yes\"><label for=\"").append(idPrefix).append("consent\">").append(lines(version.wording()))
                    .append("</label></div>\n");
        } else {
            html.append("<fieldset><legend>").append(lines(version.wording())).append("</legend>\n");
            for (int i = 0; i < version.topics().size(); i++) {
                ConsentTextVersion.Topic topic = version.topics().get(i);
                String id = idPrefix + "topic-" + i;
                html.append("<div class=\"mw-box\"><input type=\"checkbox\" id=\"").append(id).append("\" name=\"topic\" value=\"")
                        .append(escape(topic.topic())).append("\"><label for=\"").append(id).append("\">").append(escape(topic.label()))
                        .append("</label></div>\n");
            }
            html.append("</fieldset>\n");
        }
        html.append("<div style=\"position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden\" aria-hidden=\"true\">")
                .append("<label for=\"").append(idPrefix).append(HONEYPOT).append("\">").append(escape(Texts.text(language, "form.honeypot")))
                .append("</label><input type=\"text\" id=\"").append(idPrefix).append(HONEYPOT).append("\" name=\"").append(HONEYPOT)
                .append("\" tabindex=\"-1\" autocomplete=\"off\"></div>\n");
        html.append("<p><button type=\"submit\">").append(escape(Texts.text(language, "form.submit"))).append("</button></p>\n");
        html.append("<p class=\"mw-note\">").append(escape(Texts.text(language, "form.confirmNote")));
        if (legalName != null) {
            html.append(" ").append(escape(Texts.text(language, "form.sender", legalName)));
        }
        html.append("</p>\n</form>");
        return html.toString();
    }

    /** The confirmation page: what the person agrees to, and one button (a GET never confirms: link scanners follow GETs). */
    static String confirmPage(Language language, String address, List<String> agreed, String action) {
        StringBuilder body = new StringBuilder("<p>").append(escape(Texts.text(language, "confirm.question", address))).append("</p><ul>");
        agreed.forEach(line -> body.append("<li>").append(lines(line)).append("</li>"));
        body.append("</ul><form method=\"post\" action=\"").append(escape(action)).append("\"><button type=\"submit\">")
                .append(escape(Texts.text(language, "confirm.button"))).append("</button></form>");
        return page(language, Texts.text(language, "confirm.title"), body.toString());
    }

    static String declinePage(Language language, String address, String action) {
        return page(language, Texts.text(language, "decline.title"), "<p>" + escape(Texts.text(language, "decline.question", address))
                + "</p><form method=\"post\" action=\"" + escape(action) + "\"><button type=\"submit\">"
                + escape(Texts.text(language, "decline.button")) + "</button></form>");
    }

    static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    /** Escaped, with the wording's line breaks kept. */
    private static String lines(String text) {
        return escape(text).replace("\r\n", "\n").replace("\n", "<br>");
    }

    private static String tag(Language language) {
        return language == Language.EN ? "en" : "nl";
    }
}
