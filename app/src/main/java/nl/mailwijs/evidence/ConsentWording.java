package nl.mailwijs.evidence;

import java.time.Instant;
import java.util.IllformedLocaleException;
import java.util.Locale;

import nl.mailwijs.decisionjson.InvalidRequestException;

/**
 * A registered consent text: what a sign-up form or a call script said, in one version and
 * language. Consents refer to it by id; a new text is a new wording, never an edit.
 *
 * @param version  the form version label (e.g. "newsletter-form-3"), or null
 * @param language a BCP 47 tag such as "nl" or "en-GB", or null
 */
public record ConsentWording(long id, String wording, String version, String language, Instant createdAt) {

    public static final int MAX_WORDING = 20_000;
    public static final int MAX_VERSION = 100;

    /** A language as a normalised BCP 47 tag; an error names {@code field}. */
    public static String languageTag(String field, String raw) {
        String text = raw.strip();
        try {
            Locale locale = new Locale.Builder().setLanguageTag(text).build();
            if (!locale.getLanguage().isEmpty() && text.length() <= 35) {
                return locale.toLanguageTag();
            }
        } catch (IllformedLocaleException e) {
            // answered below
        }
        throw new InvalidRequestException(field, "'" + raw + "' is not a language tag (e.g. nl, en, nl-BE)");
    }
}
