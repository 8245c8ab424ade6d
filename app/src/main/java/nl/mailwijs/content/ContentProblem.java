package nl.mailwijs.content;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import nl.mailwijs.decisionjson.ProblemCode;

/**
 * One thing wrong with what an author wrote, found when the message is compiled (or, for one
 * recipient, rendered).
 *
 * @param part      {@code subject}, {@code preheader}, {@code body}, {@code textBody}, {@code layout}, {@code unsubscribeUrl}
 *                  or {@code settings.legalName}
 * @param line      1-based line in that part, or 0 when the problem is not at a place in the text
 * @param column    1-based column (in UTF-16 characters), or 0
 * @param message   what is wrong, in English: the API shows it
 * @param code      the same for the web pages, which show it in the person's language
 * @param arguments the values the code's text names
 */
public record ContentProblem(String part, int line, int column, String message, Code code, List<Object> arguments) {

    public ContentProblem {
        // Not List.copyOf: an argument may be null.
        arguments = arguments == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(arguments));
    }

    public ContentProblem(String part, int line, int column, String message, Code code, Object... arguments) {
        this(part, line, column, message, code, ProblemCode.arguments(arguments));
    }

    @Override
    public String toString() {
        return line == 0 ? part + ": " + message : part + " " + line + ":" + column + ": " + message;
    }

    /** What can be wrong with content, for the pages (see {@link ProblemCode}); the arguments each takes are in its comment. */
    public enum Code implements ProblemCode {
        /** (): the footer must name the sender, and the settings have no legal name. */
        NO_LEGAL_NAME,
        SUBJECT_MISSING,
        BODY_MISSING,
        /** (the most allowed) */
        TOO_MANY_FIELDS,
        SUBJECT_LINE_BREAK,
        /** (the character as U+XXXX) */
        SUBJECT_CONTROL_CHARACTER,
        /** (): sanitising left no text. */
        NOTHING_READABLE,
        LAYOUT_NO_CONTENT_SLOT,
        LAYOUT_CONTENT_SLOTS,
        LAYOUT_FOOTER_SLOT,
        /** (): {@code {{x | upper}}}. */
        ONLY_DEFAULT_AFTER_PIPE,
        DEFAULT_WITHOUT_COLON,
        DEFAULT_NOT_QUOTED,
        UNSUBSCRIBE_URL_DEFAULT,
        /** (the known fields) */
        EMPTY_FIELD,
        /** (the attribute, the attributes declared) */
        UNKNOWN_ATTRIBUTE,
        /** (the attribute) */
        UNKNOWN_ATTRIBUTE_NONE_DECLARED,
        /** (the field as written, the known fields) */
        UNKNOWN_FIELD,
        /** (the field as written, the known field it resembles) */
        UNKNOWN_FIELD_DID_YOU_MEAN,
        QUOTE_NOT_CLOSED,
        /** (the character, the line and the column where the field opened) */
        UNEXPECTED_CHARACTER,
        FIELD_NOT_CLOSED,
        /** (the URL): one recipient's objection link is unusable. */
        UNSUBSCRIBE_URL_INVALID,
        /** (the character as U+XXXX, its position): a merge value put it in one recipient's subject. */
        MERGED_SUBJECT_CONTROL_CHARACTER;

        @Override
        public String key() {
            return "problem.content." + name();
        }
    }
}
