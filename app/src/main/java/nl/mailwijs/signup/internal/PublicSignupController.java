package nl.mailwijs.signup.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.mailwijs.apijson.JsonObjectFields;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.platform.RequestBodies;
import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsStore;
import nl.mailwijs.signup.ConsentTextVersion;
import nl.mailwijs.signup.ConsentTexts;
import nl.mailwijs.signup.SignupForm;
import nl.mailwijs.signup.SignupForms;

/**
 * The public side of sign-up, without login or CSRF token (the form is posted from other sites):
 * <ul>
 * <li>{@code GET /f/{formKey}}: the form as a page (or, asked for JSON, its definition for a
 * client that draws the form itself); {@code POST /f/{formKey}}: a submission, form-encoded
 * (answers a page, or 303 to the form's redirect URL) or JSON (answers 202 JSON).</li>
 * <li>{@code GET /f/confirm/{token}}: a page with one button; {@code POST}: confirms. Link
 * scanners follow GETs, so a GET never confirms.</li>
 * <li>{@code /f/confirm/{token}/decline}: "not me" (also the confirmation mail's one-click
 * List-Unsubscribe target).</li>
 * </ul>
 * A bot that fills the honeypot, and an address that just had a confirmation mail, get the same
 * answer as a genuine first sign-up: the answer never tells whether a mail went out. Too many
 * submissions from one IP address or to one form get 429 with Retry-After.
 */
@RestController
class PublicSignupController {

    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    private static final int MAX_JSON_BYTES = 16 * 1024;
    private static final Set<String> JSON_FIELDS = Set.of("email", "name", "topics", "consent", SignupPages.HONEYPOT);

    private final SignupForms forms;
    private final ConsentTexts texts;
    private final Signups signups;
    private final SettingsStore settings;
    private final Clock clock;
    private final RateLimiter perIp;
    private final RateLimiter perForm;

    PublicSignupController(SignupForms forms, ConsentTexts texts, Signups signups, SettingsStore settings, Clock clock) {
        this.forms = forms;
        this.texts = texts;
        this.signups = signups;
        this.settings = settings;
        this.clock = clock;
        SignupProperties properties = signups.properties();
        this.perIp = new RateLimiter(properties.submissionsPerIp(), properties.submissionsPerIpPeriod(), clock);
        this.perForm = new RateLimiter(properties.submissionsPerForm(), properties.submissionsPerFormPeriod(), clock);
    }

    /** A form's definition for a client that draws it itself; the wording and labels must be shown exactly so. */
    record FormDefinition(String formKey, String name, String language, long consentTextVersionId, String wording,
                          List<ConsentTextVersion.Topic> topics, String action, String honeypotField, String sender) {
    }

    record Accepted(String status, String message) {
    }

    // --- the form

    /**
     * The form as a page; to a client that asks for JSON only (Accept: application/json), its
     * definition, for drawing it itself. A browser's Accept names HTML, and no Accept means a page.
     */
    @CrossOrigin(origins = "*", methods = RequestMethod.GET)
    @GetMapping("/f/{formKey}")
    ResponseEntity<?> formPage(@PathVariable String formKey, @RequestParam(required = false) String lang,
                               @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage,
                               @RequestHeader(name = "Accept", required = false) String accept) {
        boolean json = accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE) && !accept.contains(MediaType.TEXT_HTML_VALUE);
        Optional<SignupForm> form = forms.byKey(formKey);
        if (json) {
            SignupForm found = form.orElseThrow(() -> new InvalidRequestException("formKey", "there is no form '" + formKey + "'"));
            ConsentTextVersion version = version(found);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new FormDefinition(found.formKey(), found.name(),
                    found.language(), version.id(), version.wording(), version.topics(), signups.formUrl(found), SignupPages.HONEYPOT,
                    legalName()));
        }
        if (form.isEmpty()) {
            return unknownForm(language(lang, acceptLanguage));
        }
        return html(HttpStatus.OK, SignupPages.formPage(form.get(), version(form.get()), legalName(), "/f/" + formKey, List.of(), Map.of()));
    }

    @PostMapping(path = "/f/{formKey}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> submitForm(@PathVariable String formKey, HttpServletRequest request) {
        Optional<SignupForm> found = forms.byKey(formKey);
        if (found.isEmpty()) {
            return unknownForm(language(request.getParameter("lang"), request.getHeader("Accept-Language")));
        }
        SignupForm form = found.get();
        Language language = Signups.languageOf(form);
        Optional<Duration> limited = limited(form, request);
        if (limited.isPresent()) {
            return html(HttpStatus.TOO_MANY_REQUESTS, SignupPages.message(language, Texts.text(language, "limited.title"),
                    Texts.text(language, "limited.text", minutes(limited.get()))), limited.get());
        }
        String[] topics = request.getParameterValues("topic");
        Signups.Submission submission = new Signups.Submission(request.getParameter("email"), request.getParameter("name"),
                topics == null ? List.of() : Arrays.asList(topics), "yes".equals(request.getParameter("consent")),
                request.getParameter(SignupPages.HONEYPOT), request.getRemoteAddr(), request.getHeader("User-Agent"),
                request.getHeader("Referer"));
        try {
            signups.submit(form, submission);
        } catch (InvalidRequestException e) {
            Map<String, String> typed = new LinkedHashMap<>();
            typed.put("email", submission.email() == null ? "" : submission.email());
            typed.put("name", submission.name() == null ? "" : submission.name());
            return html(HttpStatus.BAD_REQUEST, SignupPages.formPage(form, version(form), legalName(), "/f/" + formKey,
                    List.of(Texts.text(language, errorKey(e.field()))), typed));
        }
        if (form.redirectUrl() != null) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(form.redirectUrl())).cacheControl(CacheControl.noStore()).build();
        }
        return html(HttpStatus.OK, SignupPages.message(language, Texts.text(language, "submitted.title"), Texts.text(language, "submitted.text")));
    }

    @CrossOrigin(origins = "*", methods = RequestMethod.POST)
    @PostMapping(path = "/f/{formKey}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> submitJson(@PathVariable String formKey, InputStream body, HttpServletRequest request) throws IOException {
        SignupForm form = forms.byKey(formKey).orElseThrow(() -> new InvalidRequestException("formKey", "there is no form '" + formKey + "'"));
        Optional<Duration> limited = limited(form, request);
        if (limited.isPresent()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, "Too many sign-ups from this address or"
                    + " to this form just now; try again in " + limited.get().toSeconds() + " seconds.");
            problem.setTitle("Too many requests");
            problem.setProperty("retryAfterSeconds", limited.get().toSeconds());
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(limited.get().toSeconds()))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        JsonObjectFields json = JsonObjectFields.parse(RequestBodies.read(body, MAX_JSON_BYTES));
        json.allowOnly(JSON_FIELDS);
        signups.submit(form, new Signups.Submission(json.optionalString("email"), json.optionalString("name"), json.strings("topics"),
                json.optionalBoolean("consent", false), json.optionalString(SignupPages.HONEYPOT), request.getRemoteAddr(),
                request.getHeader("User-Agent"), request.getHeader("Referer")));
        Language language = Signups.languageOf(form);
        return ResponseEntity.status(HttpStatus.ACCEPTED).cacheControl(CacheControl.noStore())
                .body(new Accepted("CONFIRMATION_PENDING", Texts.text(language, "submitted.text")));
    }

    // --- the confirmation link

    @GetMapping("/f/confirm/{token}")
    ResponseEntity<String> confirmPage(@PathVariable String token, @RequestParam(required = false) String lang,
                                       @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage) {
        Language asked = language(lang, acceptLanguage);
        Optional<ConfirmationTokens.Link> link = signups.tokens().verify(token);
        if (link.isEmpty()) {
            return invalidLink(asked);
        }
        if (!clock.instant().isBefore(link.get().expiresAt())) {
            return expiredLink(asked);
        }
        Optional<Signups.Pending> pending = signups.pending(link.get().pendingId());
        if (pending.isEmpty()) {
            return invalidLink(asked);
        }
        SignupForm form = forms.require(pending.get().formId());
        Language language = Signups.languageOf(form);
        return switch (pending.get().state()) {
            case CONFIRMED -> confirmed(form);
            case DECLINED -> declined(language);
            case PENDING -> html(HttpStatus.OK, SignupPages.confirmPage(language, pending.get().address(),
                    Signups.agreedLines(texts.versionById(pending.get().consentTextVersionId()).orElseThrow(), pending.get().topics()),
                    "/f/confirm/" + token));
        };
    }

    @PostMapping("/f/confirm/{token}")
    ResponseEntity<String> confirm(@PathVariable String token, @RequestParam(required = false) String lang,
                                   @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage,
                                   HttpServletRequest request) {
        Language asked = language(lang, acceptLanguage);
        Optional<ConfirmationTokens.Link> link = signups.tokens().verify(token);
        if (link.isEmpty()) {
            return invalidLink(asked);
        }
        if (!clock.instant().isBefore(link.get().expiresAt())) {
            return expiredLink(asked);
        }
        Signups.Confirmation done = signups.confirm(link.get().pendingId(), request.getRemoteAddr(), request.getHeader("User-Agent"));
        if (done == Signups.Confirmation.UNKNOWN) {
            return invalidLink(asked);
        }
        if (done == Signups.Confirmation.EXPIRED) {
            return expiredLink(asked);
        }
        SignupForm form = forms.require(signups.pending(link.get().pendingId()).orElseThrow().formId());
        return done == Signups.Confirmation.DECLINED ? declined(Signups.languageOf(form)) : confirmed(form);
    }

    @GetMapping("/f/confirm/{token}/decline")
    ResponseEntity<String> declinePage(@PathVariable String token, @RequestParam(required = false) String lang,
                                       @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage) {
        Language asked = language(lang, acceptLanguage);
        Optional<Signups.Pending> pending = signups.tokens().verify(token).flatMap(link -> signups.pending(link.pendingId()));
        if (pending.isEmpty()) {
            return invalidLink(asked);
        }
        SignupForm form = forms.require(pending.get().formId());
        Language language = Signups.languageOf(form);
        return switch (pending.get().state()) {
            case CONFIRMED -> confirmed(form);
            case DECLINED -> declined(language);
            case PENDING -> html(HttpStatus.OK, SignupPages.declinePage(language, pending.get().address(), "/f/confirm/" + token + "/decline"));
        };
    }

    /** The button, or a mail client's RFC 8058 one-click POST: no redirect, no cookie. Works after expiry too: saying no is always allowed. */
    @PostMapping("/f/confirm/{token}/decline")
    ResponseEntity<String> decline(@PathVariable String token, @RequestParam(required = false) String lang,
                                   @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage) {
        Language asked = language(lang, acceptLanguage);
        Optional<ConfirmationTokens.Link> link = signups.tokens().verify(token);
        if (link.isEmpty()) {
            return invalidLink(asked);
        }
        Signups.Confirmation done = signups.decline(link.get().pendingId());
        if (done == Signups.Confirmation.UNKNOWN) {
            return invalidLink(asked);
        }
        SignupForm form = forms.require(signups.pending(link.get().pendingId()).orElseThrow().formId());
        return done == Signups.Confirmation.ALREADY_CONFIRMED ? confirmed(form) : declined(Signups.languageOf(form));
    }

    // --- helpers

    /** The address's own limit first: one busy address must not use up the form's share of everyone else. */
    private Optional<Duration> limited(SignupForm form, HttpServletRequest request) {
        RateLimiter.Verdict byIp = perIp.take(request.getRemoteAddr());
        if (!byIp.allowed()) {
            return Optional.of(byIp.retryAfter());
        }
        RateLimiter.Verdict byForm = perForm.take("form-" + form.id());
        return byForm.allowed() ? Optional.empty() : Optional.of(byForm.retryAfter());
    }

    private ConsentTextVersion version(SignupForm form) {
        return texts.versionById(form.consentTextVersionId()).orElseThrow();
    }

    private String legalName() {
        return settings.current().map(SenderSettings::legalName).orElse(null);
    }

    private ResponseEntity<String> confirmed(SignupForm form) {
        Language language = Signups.languageOf(form);
        return html(HttpStatus.OK, SignupPages.message(language, Texts.text(language, "confirmed.title"),
                form.thanksText() != null ? form.thanksText() : Texts.text(language, "confirmed.text")));
    }

    private ResponseEntity<String> declined(Language language) {
        return html(HttpStatus.OK, SignupPages.message(language, Texts.text(language, "declined.title"), Texts.text(language, "declined.text")));
    }

    private ResponseEntity<String> invalidLink(Language language) {
        return html(HttpStatus.NOT_FOUND, SignupPages.message(language, Texts.text(language, "invalid.title"), Texts.text(language, "invalid.text")));
    }

    private ResponseEntity<String> expiredLink(Language language) {
        return html(HttpStatus.GONE, SignupPages.message(language, Texts.text(language, "expired.title"), Texts.text(language, "expired.text")));
    }

    private ResponseEntity<String> unknownForm(Language language) {
        return html(HttpStatus.NOT_FOUND, SignupPages.message(language, Texts.text(language, "unknownForm.title"),
                Texts.text(language, "unknownForm.text")));
    }

    private static String errorKey(String field) {
        if (field.equals("email")) {
            return "error.email";
        }
        if (field.equals("name")) {
            return "error.name";
        }
        if (field.equals("consent") || field.equals("topics")) {
            return "error.tick";
        }
        return field.startsWith("topics[") ? "error.topic" : "error.other";
    }

    private static String minutes(Duration wait) {
        return Long.toString(Math.max(1, (wait.toSeconds() + 59) / 60));
    }

    static Language language(String lang, String acceptLanguage) {
        if (lang != null) {
            return Language.fromTag(lang).orElse(Language.DEFAULT);
        }
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Language.DEFAULT;
        }
        return Language.fromTag(acceptLanguage.split("[,;]")[0].strip()).orElse(Language.DEFAULT);
    }

    private static ResponseEntity<String> html(HttpStatus status, String page) {
        return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore())
                // The confirmation token is in the URL: it must not travel on in a Referer.
                .header("Referrer-Policy", "no-referrer").body(page);
    }

    private static ResponseEntity<String> html(HttpStatus status, String page, Duration retryAfter) {
        return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds()))).body(page);
    }
}
