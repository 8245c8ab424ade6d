package nl.mailwijs.audit;

/** One field of one row that cannot be read; the row is rejected and the audit goes on. */
public final class BadValueException extends RuntimeException {

    private final String column;
    private final String problem;

    public BadValueException(String column, String problem) {
        super(column + ": " + problem, null, false, false);
        this.column = column;
        this.problem = problem;
    }

    public String column() {
        return column;
    }

    public String problem() {
        return problem;
    }
}
