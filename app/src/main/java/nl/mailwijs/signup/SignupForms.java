package nl.mailwijs.signup;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.mailwijs.apijson.StorableText;
import nl.mailwijs.decisionjson.DecisionRequestJson;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.settings.SettingsStore;
import nl.mailwijs.signup.internal.SignupSql;

/** Creates, finds and lists sign-up forms. */
@Service
public class SignupForms {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ConsentTexts texts;
    private final SettingsStore settings;

    public SignupForms(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, ConsentTexts texts, SettingsStore settings) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.texts = texts;
        this.settings = settings;
    }

    /** A new form; from now on its consent text version cannot change. */
    public SignupForm create(NewSignupForm form) {
        String name = text("name", form.name(), 200);
        if (name == null) {
            throw new InvalidRequestException("name", "required field is missing");
        }
        if (settings.current().isEmpty()) {
            // Consent is informed only when the person knows who asks (NL-AVG-7); the form names the sender from the settings.
            throw new InvalidRequestException("", "there are no sender settings yet: PUT /api/v1/settings with at least legalName and"
                    + " country first; a sign-up form names the sender");
        }
        ConsentTextVersion version = resolveVersion(form);
        if (!version.channels().equals(Set.of(Channel.EMAIL))) {
            throw new InvalidRequestException(form.consentTextVersionId() != null ? "consentTextVersionId" : "consentTextId",
                    "a sign-up form asks for an e-mail address and confirms by e-mail, so its consent text must be for EMAIL only; this"
                            + " version is for " + version.channels().stream().sorted().map(Channel::name).toList());
        }
        Language pageLanguage = Language.fromTag(version.language()).orElseThrow(() -> new InvalidRequestException(
                form.consentTextVersionId() != null ? "consentTextVersionId" : "consentTextId",
                "the consent text is in '" + version.language() + "'; forms are in Dutch (nl) or English (en)"));
        if (form.language() != null && Language.fromTag(form.language()).orElse(null) != pageLanguage) {
            throw new InvalidRequestException("language", "the consent text is in '" + version.language()
                    + "'; the form must be in the same language, so leave language out");
        }
        String country = DecisionRequestJson.country("country", form.country() == null ? "NL" : form.country());
        if (form.fromAddress() == null || form.fromAddress().isBlank()) {
            throw new InvalidRequestException("fromAddress", "required field is missing: the sender of the confirmation mail");
        }
        String fromAddress = DecisionRequestJson.address("fromAddress", form.fromAddress().strip(), Channel.EMAIL);
        String fromName = text("fromName", form.fromName(), 200);
        String redirectUrl = redirectUrl(form.redirectUrl());
        String thanksText = text("thanksText", form.thanksText(), 2_000);
        String formKey = newKey();
        long id = transaction.execute(status -> {
            texts.markUsed(version.id());
            var key = new GeneratedKeyHolder();
            jdbc.sql(SignupSql.INSERT_FORM)
                    .param("formKey", formKey)
                    .param("name", name)
                    .param("versionId", version.id())
                    .param("language", pageLanguage.name().toLowerCase(java.util.Locale.ROOT))
                    .param("country", country)
                    .param("fromAddress", fromAddress)
                    .param("fromName", fromName)
                    .param("redirectUrl", redirectUrl)
                    .param("thanksText", thanksText)
                    .param("now", OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC))
                    .update(key, "id");
            return key.getKeyAs(Number.class).longValue();
        });
        return find(id).orElseThrow();
    }

    public Optional<SignupForm> find(long id) {
        return jdbc.sql(SignupSql.FORM_BY_ID).param("id", id).query(SignupForms::form).optional();
    }

    public SignupForm require(long id) {
        return find(id).orElseThrow(() -> new UnknownSignupException("there is no sign-up form " + id));
    }

    /** The form behind a public link; empty for a key no form has. */
    public Optional<SignupForm> byKey(String formKey) {
        if (formKey == null || !formKey.matches("[A-Za-z0-9_-]{1,40}")) {
            return Optional.empty();
        }
        return jdbc.sql(SignupSql.FORM_BY_KEY).param("formKey", formKey).query(SignupForms::form).optional();
    }

    public List<SignupForm> list() {
        return jdbc.sql(SignupSql.FORMS).query(SignupForms::form).list();
    }

    private ConsentTextVersion resolveVersion(NewSignupForm form) {
        if (form.consentTextVersionId() != null) {
            if (form.consentTextId() != null || form.version() != null) {
                throw new InvalidRequestException("consentTextVersionId", "give consentTextVersionId, or consentTextId with an optional"
                        + " version, not both");
            }
            return texts.versionById(form.consentTextVersionId()).orElseThrow(() -> new InvalidRequestException("consentTextVersionId",
                    "there is no consent text version " + form.consentTextVersionId()));
        }
        if (form.consentTextId() == null) {
            throw new InvalidRequestException("consentTextId", "required field is missing: the consent text the form shows"
                    + " (or consentTextVersionId)");
        }
        ConsentText text = texts.find(form.consentTextId()).orElseThrow(() -> new InvalidRequestException("consentTextId",
                "there is no consent text " + form.consentTextId()));
        if (form.version() == null) {
            return text.latest();
        }
        return text.versions().stream().filter(version -> version.version() == form.version()).findFirst()
                .orElseThrow(() -> new InvalidRequestException("version", "consent text " + text.id() + " has no version " + form.version()));
    }

    private static String redirectUrl(String raw) {
        String url = text("redirectUrl", raw, 2_000);
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (uri.isAbsolute() && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw new InvalidRequestException("redirectUrl", "'" + raw + "' is not a full http(s) address such as https://example.nl/bedankt");
    }

    private static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength) {
            throw new InvalidRequestException(field, "is longer than " + maxLength + " characters");
        }
        return StorableText.check(field, stripped);
    }

    /** 128 random bits: a form's link cannot be guessed from another's. */
    private static String newKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static SignupForm form(ResultSet row, int n) throws SQLException {
        return new SignupForm(row.getLong("id"), row.getString("form_key"), row.getString("name"), row.getLong("consent_text_version_id"),
                row.getString("language"), row.getString("country"), row.getString("from_address"), row.getString("from_name"),
                row.getString("redirect_url"), row.getString("thanks_text"), row.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
