package nl.mailwijs.decisionjson;

/**
 * A request that does not meet {@code decision-format.md}. The field is a path such as
 * {@code evidence.consents[0].method}; the problem says what is wrong and what is expected.
 */
public final class InvalidRequestException extends RuntimeException {

    private final String field;
    private final String problem;

    public InvalidRequestException(String field, String problem) {
        super(field == null || field.isEmpty() ? problem : field + ": " + problem);
        this.field = field == null ? "" : field;
        this.problem = problem;
    }

    /** The JSON path of the offending field, empty when the problem is the document itself. */
    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
