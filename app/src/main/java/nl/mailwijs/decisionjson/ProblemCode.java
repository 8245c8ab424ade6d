package nl.mailwijs.decisionjson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What is wrong, as a code for the web pages: they show the text under {@link #key()} from
 * messages_nl or messages_en, with the problem's arguments filled in, while the API and the logs
 * keep the English sentence beside it. Each module names its own codes, as an enum implementing this.
 */
public interface ProblemCode {

    /** The message key of the code's text, e.g. {@code problem.input.NOT_AN_EMAIL_ADDRESS}. */
    String key();

    /**
     * The arguments as a problem keeps them: a text echoed from the input is cut and kept on one
     * line, as in the English sentence; numbers, enum constants and the like are kept as they are.
     */
    static List<Object> arguments(Object... values) {
        if (values == null || values.length == 0) {
            return List.of();
        }
        List<Object> kept = new ArrayList<>(values.length);
        for (Object value : values) {
            kept.add(value instanceof String text ? InvalidRequestException.shown(text) : value);
        }
        // Not List.copyOf: an argument may be null (e.g. an absent value), and the text shows it as such.
        return Collections.unmodifiableList(kept);
    }
}
