package nl.mailwijs.content;

/** The root of everything the content module refuses; the message says what to change. */
public abstract class ContentException extends RuntimeException {

    protected ContentException(String message) {
        super(message);
    }
}
