package nl.mailwijs.signup;

/**
 * A form to create. The version is named by its own id, or by the consent text and version
 * number (the latest when no number is given).
 */
public record NewSignupForm(String name, Long consentTextVersionId, Long consentTextId, Integer version, String language, String country,
                            String fromAddress, String fromName, String redirectUrl, String thanksText) {
}
