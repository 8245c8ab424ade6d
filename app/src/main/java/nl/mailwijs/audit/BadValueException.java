package nl.mailwijs.audit;

/** One field of one row that cannot be read; the row is rejected and the audit goes on. */
final class BadValueException extends RuntimeException {

    private final String column;
    private final String problem;

    BadValueException(String column, String problem) {
        super(column + ": " + problem, null, false, false);
        this.column = column;
        this.problem = problem;
    }

    String column() {
        return column;
    }

    String problem() {
        return problem;
    }
}
