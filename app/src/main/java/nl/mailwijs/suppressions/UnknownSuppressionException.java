package nl.mailwijs.suppressions;

/** There is no suppression with that number (answered 404). */
public class UnknownSuppressionException extends RuntimeException {

    public UnknownSuppressionException(long id) {
        super("there is no suppression " + id + "; GET /api/v1/suppressions lists them");
    }
}
