package nl.mailwijs.campaigns;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import nl.mailwijs.content.BodyFormat;

/**
 * A template as its author writes it. Merge fields are as in a campaign
 * ({@code {{contact.firstName | default: "klant"}}}); the footer is added by Mailwijs.
 *
 * @param bodyFormat null: MARKDOWN
 * @param textBody   null: generated from the body
 */
public record TemplateDraft(
        @NotBlank(message = "a template needs a name") @Size(max = 200, message = "is longer than 200 characters") String name,
        BodyFormat bodyFormat,
        @NotBlank(message = "a body is required") @Size(max = 500_000, message = "is longer than 500,000 characters") String body,
        @Size(max = 500_000, message = "is longer than 500,000 characters") String textBody) {

    public TemplateDraft {
        bodyFormat = bodyFormat == null ? BodyFormat.MARKDOWN : bodyFormat;
    }
}
