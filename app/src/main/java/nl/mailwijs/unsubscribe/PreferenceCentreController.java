package nl.mailwijs.unsubscribe;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import nl.mailwijs.campaigns.Outbox;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.unsubscribe.internal.Texts;

/**
 * {@code /u/{token}/preferences}: the optional preference centre behind the unsubscribe link,
 * with the same token. {@code GET} shows per topic and per channel "keep" or "stop", and
 * "nothing any more"; it changes nothing. {@code POST} records each choice that changes
 * something in the ledger before it answers. A plain HTML form: no JavaScript, a label for every
 * input, radio groups in fieldsets, visible focus.
 */
@RestController
class PreferenceCentreController {

    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Outbox outbox;
    private final PreferenceCentre centre;

    PreferenceCentreController(Outbox outbox, PreferenceCentre centre) {
        this.outbox = outbox;
        this.centre = centre;
    }

    @GetMapping("/u/{token}/preferences")
    ResponseEntity<String> page(@PathVariable String token, @RequestParam(required = false) String lang,
                                @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage) {
        Language language = language(lang, acceptLanguage);
        Optional<Outbox.Recipient> recipient = outbox.recipientOf(token);
        if (recipient.isEmpty()) {
            return unknown(language);
        }
        PreferenceCentre.Choices choices = centre.choices(recipient.get());
        StringBuilder body = new StringBuilder("<p>").append(escape(Texts.text(language, "preferences.intro", choices.address()))).append("</p>");
        if (choices.nothingAtAll()) {
            body.append("<p><strong>").append(escape(Texts.text(language, "preferences.nothingDone"))).append("</strong></p>");
            return html(HttpStatus.OK, page(language, Texts.text(language, "preferences.title"), body.toString()));
        }
        body.append("<form method=\"post\" action=\"").append(action(token, language)).append("\">");
        body.append("<h2>").append(escape(Texts.text(language, "preferences.topics"))).append("</h2>");
        if (choices.topicsStopped().isEmpty()) {
            body.append("<p>").append(escape(Texts.text(language, "preferences.topicsNone"))).append("</p>");
        }
        int i = 0;
        for (Map.Entry<String, Boolean> topic : choices.topicsStopped().entrySet()) {
            String name = "topic-" + i++;
            if (topic.getValue()) {
                body.append("<p>").append(escape(topic.getKey())).append(": ").append(escape(Texts.text(language, "preferences.stopped")))
                        .append("</p>");
            } else {
                body.append("<input type=\"hidden\" name=\"").append(name).append("-name\" value=\"").append(escape(topic.getKey())).append("\">");
                choice(body, language, name, topic.getKey());
            }
        }
        body.append("<h2>").append(escape(Texts.text(language, "preferences.channels"))).append("</h2>");
        for (Map.Entry<Channel, Boolean> channel : choices.channelsStopped().entrySet()) {
            String label = Texts.text(language, "channel." + channel.getKey().name());
            if (channel.getValue()) {
                body.append("<p>").append(escape(label)).append(": ").append(escape(Texts.text(language, "preferences.channelStopped")))
                        .append("</p>");
            } else {
                choice(body, language, "channel-" + channel.getKey().name(), label);
            }
        }
        body.append("<h2>").append(escape(Texts.text(language, "preferences.nothing"))).append("</h2>")
                .append("<p class=\"box\"><input type=\"checkbox\" id=\"nothing\" name=\"nothing\" value=\"yes\">")
                .append("<label for=\"nothing\">").append(escape(Texts.text(language, "preferences.nothingLabel"))).append("</label></p>")
                .append("<p><button type=\"submit\">").append(escape(Texts.text(language, "preferences.save"))).append("</button></p></form>");
        return html(HttpStatus.OK, page(language, Texts.text(language, "preferences.title"), body.toString()));
    }

    @PostMapping("/u/{token}/preferences")
    ResponseEntity<String> save(@PathVariable String token, @RequestParam(required = false) String lang,
                                @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage, HttpServletRequest request) {
        Language language = language(lang, acceptLanguage);
        Optional<Outbox.Recipient> recipient = outbox.recipientOf(token);
        if (recipient.isEmpty()) {
            return unknown(language);
        }
        Set<String> topics = new LinkedHashSet<>();
        for (int i = 0; i < 200 && request.getParameter("topic-" + i + "-name") != null; i++) {
            if ("stop".equals(request.getParameter("topic-" + i))) {
                topics.add(request.getParameter("topic-" + i + "-name"));
            }
        }
        Set<Channel> channels = java.util.EnumSet.noneOf(Channel.class);
        for (Channel channel : Channel.values()) {
            if ("stop".equals(request.getParameter("channel-" + channel.name()))) {
                channels.add(channel);
            }
        }
        List<PreferenceCentre.Recorded> recorded = centre.record(recipient.get(),
                new PreferenceCentre.Chosen(topics, channels, "yes".equals(request.getParameter("nothing"))), request.getHeader("User-Agent"));
        StringBuilder body = new StringBuilder();
        if (recorded.isEmpty()) {
            body.append("<p>").append(escape(Texts.text(language, "preferences.unchanged"))).append("</p>");
        } else {
            body.append("<p>").append(escape(Texts.text(language, "preferences.saved"))).append("</p><ul>");
            for (PreferenceCentre.Recorded one : recorded) {
                String line = switch (one) {
                    case PreferenceCentre.Recorded.TopicStopped stopped -> Texts.text(language, "recorded.topic", stopped.topic());
                    case PreferenceCentre.Recorded.ChannelStopped stopped ->
                            Texts.text(language, "recorded.channel", Texts.text(language, "channel." + stopped.channel().name()));
                    case PreferenceCentre.Recorded.NothingAnyMore nothing -> Texts.text(language, "recorded.nothing");
                    case PreferenceCentre.Recorded.ConsentWithdrawn withdrawn ->
                            Texts.text(language, "recorded.withdrawal", DATE.format(withdrawn.givenAt()));
                };
                body.append("<li>").append(escape(line)).append("</li>");
            }
            body.append("</ul>");
        }
        body.append("<p><a href=\"").append(action(token, language)).append("\">").append(escape(Texts.text(language, "preferences.back")))
                .append("</a></p>");
        return html(HttpStatus.OK, page(language, Texts.text(language, "preferences.savedTitle"), body.toString()));
    }

    /** A radio group "keep" / "stop" in a fieldset named by what it is about; "keep" is chosen, so saving changes nothing unasked. */
    private static void choice(StringBuilder body, Language language, String name, String legend) {
        body.append("<fieldset><legend>").append(escape(legend)).append("</legend>")
                .append("<p class=\"box\"><input type=\"radio\" id=\"").append(name).append("-keep\" name=\"").append(name)
                .append("\" value=\"keep\" checked><label for=\"").append(name).append("-keep\">")
                .append(escape(Texts.text(language, "preferences.keep"))).append("</label></p>")
                .append("<p class=\"box\"><input type=\"radio\" id=\"").append(name).append("-stop\" name=\"").append(name)
                .append("\" value=\"stop\"><label for=\"").append(name).append("-stop\">")
                .append(escape(Texts.text(language, "preferences.stop"))).append("</label></p></fieldset>");
    }

    static String link(String token, Language language, String key) {
        return "<p><a href=\"" + action(token, language) + "\">" + escape(Texts.text(language, key)) + "</a></p>";
    }

    private static String action(String token, Language language) {
        return "/u/" + escape(token) + "/preferences" + (language == Language.EN ? "?lang=en" : "");
    }

    private ResponseEntity<String> unknown(Language language) {
        boolean english = language == Language.EN;
        // The same page as the unsubscribe link's: a forged token learns nothing here either.
        return html(HttpStatus.NOT_FOUND, page(language, english ? "Link not valid" : "Link werkt niet", "<p>" + (english
                ? "This unsubscribe link does not work. Copy the whole link from the e-mail, or reply to the e-mail."
                : "Deze afmeldlink werkt niet. Kopieer de hele link uit de e-mail, of beantwoord de e-mail.") + "</p>"));
    }

    static Language language(String lang, String acceptLanguage) {
        if (lang != null) {
            return Language.fromTag(lang).orElse(Language.DEFAULT);
        }
        return acceptLanguage == null ? Language.DEFAULT
                : Language.fromTag(acceptLanguage.split("[,;]")[0].strip()).orElse(Language.DEFAULT);
    }

    private static String page(Language language, String heading, String body) {
        return "<!DOCTYPE html><html lang=\"" + (language == Language.EN ? "en" : "nl") + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(heading) + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a;background:#fff;"
                + "line-height:1.5}fieldset{border:1px solid #595959;border-radius:4px;margin:.8rem 0;padding:.3rem 1rem}"
                + "legend{font-weight:600}.box{display:flex;gap:.5rem;align-items:center;margin:.3rem 0}"
                + "input[type=radio],input[type=checkbox]{width:1.2rem;height:1.2rem}"
                + "button{font-size:1.1rem;padding:.6rem 1.4rem;background:#0b5394;color:#fff;border:0;border-radius:4px;cursor:pointer}"
                + "a{color:#0b5394}button:focus,input:focus,a:focus{outline:3px solid #b45f06;outline-offset:2px}</style></head>"
                + "<body><main><h1>" + escape(heading) + "</h1>" + body + "</main></body></html>";
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    /**
     * The policy of the pages a recipient reaches from a message: no script at all, only their own
     * inline style. Set here, so the web application's policy (which forbids inline style) does
     * not apply on top of it.
     */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static ResponseEntity<String> html(HttpStatus status, String page) {
        return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", PAGE_POLICY).body(page);
    }
}
