package nl.mailwijs.audit;

import java.util.List;

import nl.mailwijs.decisionjson.ProblemCode;

/**
 * An input the audit cannot start on at all (a missing required column, an unreadable file):
 * nothing is audited and the exit code is 2. Rows that cannot be read are not this: they are
 * rejected one by one and the rest is audited. The message is English, for the terminal and the
 * API; {@link #code()} and {@link #arguments()} say the same for the web pages.
 */
public final class AuditInputException extends RuntimeException {

    private final FileProblem code;
    private final List<Object> arguments;

    public AuditInputException(String message) {
        this(FileProblem.OTHER, message);
    }

    public AuditInputException(FileProblem code, String message, Object... arguments) {
        super(message);
        this.code = code;
        this.arguments = ProblemCode.arguments(arguments);
    }

    public FileProblem code() {
        return code;
    }

    public List<Object> arguments() {
        return arguments;
    }
}
