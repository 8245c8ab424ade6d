package nl.mailwijs.signup.internal;

import org.springframework.stereotype.Service;

import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsStore;
import nl.mailwijs.signup.ConsentTexts;
import nl.mailwijs.signup.SignupForm;
import nl.mailwijs.signup.SignupFormEmbeds;

/** The embed code, one source for the API (FormController) and the settings pages. */
@Service
class FormEmbeds implements SignupFormEmbeds {

    private final ConsentTexts texts;
    private final Signups signups;
    private final SettingsStore settings;

    FormEmbeds(ConsentTexts texts, Signups signups, SettingsStore settings) {
        this.texts = texts;
        this.signups = signups;
        this.settings = settings;
    }

    @Override
    public String formUrl(SignupForm form) {
        return signups.formUrl(form);
    }

    @Override
    public String embedHtml(SignupForm form) {
        return SignupPages.embed(form, texts.versionById(form.consentTextVersionId()).orElseThrow(),
                settings.current().map(SenderSettings::legalName).orElse(null), signups.formUrl(form));
    }
}
