package nl.mailwijs.content;

import java.util.Objects;
import java.util.Set;

import nl.mailwijs.engine.decision.Language;

/**
 * What an author composed, before it is checked and compiled.
 *
 * @param subject        with merge fields; may not contain a line break
 * @param preheader      the hidden preview text shown after the subject in inboxes; may be empty
 * @param body           the content, in {@code format}, with merge fields
 * @param textBody       the author's own plain-text part, or null to generate it from the body
 * @param layout         the shell; null means {@link Layout#standard()}
 * @param language       the language of the footer and the document
 * @param attributeNames the names {@code {{contact.attributes.X}}} may use; any other is an error at compile time
 */
public record MessageDraft(
        String subject,
        String preheader,
        String body,
        BodyFormat format,
        String textBody,
        Layout layout,
        Language language,
        Set<String> attributeNames) {

    public MessageDraft {
        Objects.requireNonNull(format, "format");
        preheader = preheader == null ? "" : preheader;
        layout = layout == null ? Layout.standard() : layout;
        language = language == null ? Language.DEFAULT : language;
        attributeNames = attributeNames == null ? Set.of() : Set.copyOf(attributeNames);
    }

    /** A Markdown body in the standard layout, Dutch, no attributes, the text part generated. */
    public static MessageDraft markdown(String subject, String preheader, String body) {
        return new MessageDraft(subject, preheader, body, BodyFormat.MARKDOWN, null, null, Language.DEFAULT, Set.of());
    }

    /** An HTML body in the standard layout, Dutch, no attributes, the text part generated. */
    public static MessageDraft html(String subject, String preheader, String body) {
        return new MessageDraft(subject, preheader, body, BodyFormat.HTML, null, null, Language.DEFAULT, Set.of());
    }

    public MessageDraft withLanguage(Language language) {
        return new MessageDraft(subject, preheader, body, format, textBody, layout, language, attributeNames);
    }

    public MessageDraft withLayout(Layout layout) {
        return new MessageDraft(subject, preheader, body, format, textBody, layout, language, attributeNames);
    }

    public MessageDraft withTextBody(String textBody) {
        return new MessageDraft(subject, preheader, body, format, textBody, layout, language, attributeNames);
    }

    public MessageDraft withAttributes(Set<String> attributeNames) {
        return new MessageDraft(subject, preheader, body, format, textBody, layout, language, attributeNames);
    }
}
