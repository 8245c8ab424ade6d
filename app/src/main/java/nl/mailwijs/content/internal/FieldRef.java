package nl.mailwijs.content.internal;

import nl.mailwijs.content.MessageRecipient;

/** One merge field as the author wrote it, resolved at compile time so rendering only looks values up. */
public record FieldRef(Kind kind, String attribute, String defaultValue) {

    public enum Kind { FIRST_NAME, NAME, EMAIL, ATTRIBUTE, UNSUBSCRIBE_URL }

    /** The value for this recipient; the default when the recipient has none (null or blank). */
    public String value(MessageRecipient recipient) {
        String value = switch (kind) {
            case FIRST_NAME -> recipient.firstName();
            case NAME -> recipient.name();
            case EMAIL -> recipient.email();
            case ATTRIBUTE -> recipient.attributes().get(attribute);
            case UNSUBSCRIBE_URL -> recipient.unsubscribeUrl();
        };
        if (value == null || value.isBlank()) {
            return defaultValue == null ? "" : defaultValue;
        }
        return value;
    }

    public boolean isUnsubscribeUrl() {
        return kind == Kind.UNSUBSCRIBE_URL;
    }
}
