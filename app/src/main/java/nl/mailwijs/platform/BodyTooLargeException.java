package nl.mailwijs.platform;

/** A request body over the limit of its endpoint; answered with 413. */
public final class BodyTooLargeException extends RuntimeException {

    public BodyTooLargeException(long limit) {
        super("The request body is larger than " + limit / 1024 + " KiB; send less per request.");
    }
}
