package nl.mailwijs.signup.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.mailwijs.apijson.JsonObjectFields;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.platform.RequestBodies;
import nl.mailwijs.signup.ConsentTextVersion;
import nl.mailwijs.signup.ConsentTexts;
import nl.mailwijs.signup.NewSignupForm;
import nl.mailwijs.signup.SignupForm;
import nl.mailwijs.signup.SignupForms;

/**
 * Sign-up forms over REST: create, list, get, and {@code GET /api/v1/forms/{id}/embed}, the HTML
 * to paste into a site. A form's boxes are never ticked in advance: there is no setting for it,
 * and a request that asks for one is refused, naming the rule.
 */
@RestController
class FormController {

    private static final Set<String> FIELDS = Set.of("name", "consentTextVersionId", "consentTextId", "version", "language", "country",
            "fromAddress", "fromName", "redirectUrl", "thanksText");
    /** Names a client might use to ask for a box ticked in advance. */
    private static final Set<String> PRE_TICKED = Set.of("preTicked", "preticked", "checked", "defaultChecked", "ticked");

    private final SignupForms forms;
    private final ConsentTexts texts;
    private final Signups signups;
    private final FormEmbeds embeds;

    FormController(SignupForms forms, ConsentTexts texts, Signups signups, FormEmbeds embeds) {
        this.forms = forms;
        this.texts = texts;
        this.signups = signups;
        this.embeds = embeds;
    }

    /** A form as the API shows it, with its public address and the version it shows. */
    record FormDocument(long id, String formKey, String name, String language, String country, String fromAddress, String fromName,
                        String redirectUrl, String thanksText, Instant createdAt, String url, String embedUrl,
                        ConsentTextVersion consentTextVersion) {
    }

    record FormList(List<FormDocument> forms) {
    }

    @PostMapping("/api/v1/forms")
    ResponseEntity<FormDocument> create(InputStream body) throws IOException {
        JsonObjectFields json = JsonObjectFields.parse(RequestBodies.read(body, ConsentTextController.MAX_BODY_BYTES));
        for (String name : PRE_TICKED) {
            if (json.has(name)) {
                throw new InvalidRequestException(name, "a box ticked in advance is not consent (NL-AVG-7); every box of a sign-up form"
                        + " starts unticked and only the person ticks it");
            }
        }
        json.allowOnly(FIELDS);
        Long version = json.optionalId("version");
        if (version != null && version > Integer.MAX_VALUE) {
            throw new InvalidRequestException("version", "consent text versions are numbered 1, 2, 3, ...; there is no version " + version);
        }
        SignupForm form = forms.create(new NewSignupForm(json.optionalString("name"), json.optionalId("consentTextVersionId"),
                json.optionalId("consentTextId"), version == null ? null : Math.toIntExact(version), json.optionalString("language"),
                json.optionalString("country"), json.optionalString("fromAddress"), json.optionalString("fromName"),
                json.optionalString("redirectUrl"), json.optionalString("thanksText")));
        return ResponseEntity.created(URI.create("/api/v1/forms/" + form.id())).body(document(form));
    }

    @GetMapping("/api/v1/forms")
    FormList list() {
        return new FormList(forms.list().stream().map(this::document).toList());
    }

    @GetMapping("/api/v1/forms/{id}")
    FormDocument form(@PathVariable long id) {
        return document(forms.require(id));
    }

    @GetMapping("/api/v1/forms/{id}/embed")
    ResponseEntity<String> embed(@PathVariable long id) {
        return ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .body(embeds.embedHtml(forms.require(id)));
    }

    private FormDocument document(SignupForm form) {
        return new FormDocument(form.id(), form.formKey(), form.name(), form.language(), form.country(), form.fromAddress(), form.fromName(),
                form.redirectUrl(), form.thanksText(), form.createdAt(), signups.formUrl(form), "/api/v1/forms/" + form.id() + "/embed",
                texts.versionById(form.consentTextVersionId()).orElseThrow());
    }
}
