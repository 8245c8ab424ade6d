package nl.mailwijs.signup;

/**
 * What a sender pastes into a site for a form: its public address (which also takes a JSON post)
 * and the HTML snippet that posts to it, exactly as {@code GET /api/v1/forms/{id}/embed} gives it.
 */
public interface SignupFormEmbeds {

    /** {@code https://.../f/{formKey}}: the form page, the target of the snippet, and the JSON endpoint. */
    String formUrl(SignupForm form);

    /** The HTML to paste: the consent text's wording and boxes, never ticked in advance. */
    String embedHtml(SignupForm form);
}
