package nl.mailwijs.unsubscribe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
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
import nl.mailwijs.contacts.UnknownContactException;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.evidence.GroupedAppends;
import nl.mailwijs.evidence.ObjectionEvidence;

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
 */
@RestController
class UnsubscribeController {

    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final Outbox outbox;
    private final GroupedAppends ledger;
    private final Clock clock;

    UnsubscribeController(Outbox outbox, GroupedAppends ledger, Clock clock) {
        this.outbox = outbox;
        this.ledger = ledger;
        this.clock = clock;
    }

    @GetMapping("/u/{token}")
    ResponseEntity<String> page(@PathVariable String token, @RequestParam(required = false) String lang,
                                @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage) {
        Texts texts = Texts.of(lang, acceptLanguage);
        Optional<Outbox.Recipient> recipient = outbox.recipientOf(token);
        if (recipient.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, texts.page(texts.unknownTitle, "<p>" + texts.unknown + "</p>"));
        }
        String body = "<p>" + texts.question.formatted(HtmlUtils.htmlEscape(recipient.get().address())) + "</p>"
                + "<form method=\"post\" action=\"/u/" + HtmlUtils.htmlEscape(token) + (texts.english ? "?lang=en" : "") + "\">"
                + "<button type=\"submit\">" + texts.button + "</button></form>"
                + PreferenceCentreController.link(token, language(texts), "link.fromQuestion");
        return html(HttpStatus.OK, texts.page(texts.title, body));
    }

    @PostMapping("/u/{token}")
    ResponseEntity<String> unsubscribe(@PathVariable String token, @RequestParam(required = false) String lang,
                                       @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage,
                                       HttpServletRequest request) {
        Texts texts = Texts.of(lang, acceptLanguage);
        Optional<Outbox.Recipient> recipient = outbox.recipientOf(token);
        if (recipient.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, texts.page(texts.unknownTitle, "<p>" + texts.unknown + "</p>"));
        }
        Outbox.Recipient who = recipient.get();
        boolean oneClick = "One-Click".equals(request.getParameter("List-Unsubscribe"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String raw = (oneClick ? "RFC 8058 one-click POST" : "unsubscribe button") + " at " + now + " for campaign " + who.campaignId()
                + ", message to " + who.address() + "; User-Agent: " + clip(request.getHeader("User-Agent"));
        ObjectionEvidence objection = new ObjectionEvidence("unsubscribe-" + who.campaignId() + "-" + shortHash(token), now, false,
                Set.of(Channel.EMAIL), List.of(), ObjectionRoute.UNSUBSCRIBE_LINK, raw);
        try {
            ledger.append(who.contactId(), objection);
        } catch (UnknownContactException e) {
            // Erased since the message was sent (AVG 17): no address of theirs is left to object for, and the page says so.
            return html(HttpStatus.OK, texts.page(texts.doneTitle, "<p>" + texts.erased + "</p>"));
        } catch (InvalidRequestException e) {
            if (!"id".equals(e.field())) {
                throw e;
            }
            // This link was used before: the objection is already recorded, and still holds.
        }
        return html(HttpStatus.OK, texts.page(texts.doneTitle, "<p>" + texts.done.formatted(HtmlUtils.htmlEscape(who.address())) + "</p>"
                + PreferenceCentreController.link(token, language(texts), "link.afterUnsubscribe")));
    }

    private static Language language(Texts texts) {
        return texts.english ? Language.EN : Language.NL;
    }

    private static ResponseEntity<String> html(HttpStatus status, String page) {
        return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", PreferenceCentreController.PAGE_POLICY).body(page);
    }

    private static String clip(String text) {
        if (text == null) {
            return "-";
        }
        String printable = text.replaceAll("\\p{Cntrl}", " ");
        return printable.length() <= 300 ? printable : printable.substring(0, 300);
    }

    private static String shortHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The page texts, Dutch by default. */
    private record Texts(boolean english, String title, String question, String button, String doneTitle, String done, String unknownTitle,
                         String unknown, String erased) {

        static Texts of(String lang, String acceptLanguage) {
            boolean english = lang != null ? lang.equalsIgnoreCase("en")
                    : acceptLanguage != null && Language.fromTag(acceptLanguage.split("[,;]")[0].strip()).map(l -> l == Language.EN).orElse(false);
            return english
                    ? new Texts(true, "Unsubscribe", "Stop e-mails from this sender to %s?", "Unsubscribe", "Unsubscribed",
                            "You are unsubscribed: no more e-mails from this sender to %s. This took effect immediately.",
                            "Link not valid", "This unsubscribe link does not work. Copy the whole link from the e-mail, or reply to the e-mail.",
                            "Your data has already been erased: this sender no longer holds your address.")
                    : new Texts(false, "Afmelden", "Geen e-mails meer van deze afzender naar %s?", "Afmelden", "Afgemeld",
                            "U bent afgemeld: u krijgt geen e-mails meer van deze afzender op %s. Dit geldt direct.",
                            "Link werkt niet", "Deze afmeldlink werkt niet. Kopieer de hele link uit de e-mail, of beantwoord de e-mail.",
                            "Uw gegevens zijn al gewist: deze afzender heeft uw adres niet meer.");
        }

        String page(String heading, String body) {
            return "<!DOCTYPE html><html lang=\"" + (english ? "en" : "nl") + "\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + heading + "</title>"
                    + "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}"
                    + "button{font-size:1.1rem;padding:.6rem 1.4rem;background:#0b5394;color:#fff;border:0;border-radius:4px;cursor:pointer}"
                    + "button:focus{outline:3px solid #f1c232;outline-offset:2px}</style></head><body><main><h1>" + heading + "</h1>"
                    + body + "</main></body></html>";
        }
    }
}
