package nl.mailwijs.content;

import java.util.Objects;
import java.util.Set;

import nl.mailwijs.engine.decision.Language;

/**
 * Reusable content: a body (and optionally its own plain text) in a layout, from which each
 * campaign makes its draft with its own subject and preheader.
 */
public record Template(String name, BodyFormat format, String body, String textBody, Layout layout) {

    public Template {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(body, "body");
    }

    public MessageDraft draft(String subject, String preheader, Language language, Set<String> attributeNames) {
        return new MessageDraft(subject, preheader, body, format, textBody, layout, language, attributeNames);
    }
}
