package nl.mailwijs.signup;

/** A consent text, version or form that does not exist. */
public final class UnknownSignupException extends RuntimeException {

    public UnknownSignupException(String message) {
        super(message);
    }
}
