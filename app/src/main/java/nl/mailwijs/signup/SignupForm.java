package nl.mailwijs.signup;

import java.time.Instant;

/**
 * A sign-up form: public at {@code /f/{formKey}}, showing one consent text version. A form never
 * moves to another version (a snippet pasted into a web page keeps showing the text it was made
 * with); a new wording gets a new form.
 *
 * @param language     the page and mail language, the consent text version's own
 * @param country      given to contacts the form creates
 * @param fromAddress  the sender of the confirmation mail
 * @param redirectUrl  where the browser goes after a submission (the site's own "check your
 *                     mailbox" page), or null for Mailwijs's page
 * @param thanksText   shown once the person has confirmed, or null for the standard text
 */
public record SignupForm(long id, String formKey, String name, long consentTextVersionId, String language, String country,
                         String fromAddress, String fromName, String redirectUrl, String thanksText, Instant createdAt) {
}
