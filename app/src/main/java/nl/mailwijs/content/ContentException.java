package nl.mailwijs.content;

import java.util.List;

/** The root of everything the content module refuses; the message says what to change, {@link #problems()} where and why. */
public abstract class ContentException extends RuntimeException {

    protected ContentException(String message) {
        super(message);
    }

    /** Every problem found, with its part, place and code. */
    public abstract List<ContentProblem> problems();
}
