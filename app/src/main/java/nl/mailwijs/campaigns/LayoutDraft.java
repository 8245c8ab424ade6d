package nl.mailwijs.campaigns;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A layout as its author writes it: the body of an HTML document with one {@code {{content}}}
 * slot and at most one {@code {{footer}}} slot after it. Mailwijs writes the document head itself.
 */
public record LayoutDraft(
        @NotBlank(message = "a layout needs a name") @Size(max = 200, message = "is longer than 200 characters") String name,
        @NotBlank(message = "the layout's HTML is required, with a {{content}} slot")
        @Size(max = 500_000, message = "is longer than 500,000 characters") String html) {
}
