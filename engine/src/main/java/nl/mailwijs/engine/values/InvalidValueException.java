package nl.mailwijs.engine.values;

/** A value that is not of its expected form; the message says what was expected. */
public final class InvalidValueException extends IllegalArgumentException {

    public InvalidValueException(String message) {
        super(message);
    }
}
