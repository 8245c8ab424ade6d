package nl.mailwijs.cli;

/** A command line that cannot be run as given; the message says what to change. Exit code 2. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
