package nl.mailwijs.audit;

import java.util.List;

import nl.mailwijs.decisionjson.InputProblem;
import nl.mailwijs.decisionjson.ProblemCode;

/**
 * One field of one row that cannot be read; the row is rejected and the audit goes on. The
 * problem is English, for the terminal and the API; {@link #code()} and {@link #arguments()}
 * say the same for the web pages.
 */
public final class BadValueException extends RuntimeException {

    private final String column;
    private final String problem;
    private final ProblemCode code;
    private final List<Object> arguments;

    public BadValueException(String column, String problem) {
        this(column, InputProblem.INVALID, problem);
    }

    public BadValueException(String column, ProblemCode code, String problem, Object... arguments) {
        super(column + ": " + problem, null, false, false);
        this.column = column;
        this.problem = problem;
        this.code = code;
        this.arguments = ProblemCode.arguments(arguments);
    }

    public String column() {
        return column;
    }

    public String problem() {
        return problem;
    }

    public ProblemCode code() {
        return code;
    }

    public List<Object> arguments() {
        return arguments;
    }
}
