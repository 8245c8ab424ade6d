package nl.mailwijs.decisionjson;

import java.util.List;

/**
 * A request that does not meet {@code decision-format.md}. The field is a path such as
 * {@code evidence.consents[0].method}; the problem says what is wrong and what is expected, in
 * English for the API and the logs; the {@link #code()} and its {@link #arguments()} say the same
 * for the web pages, which show it in the person's language.
 */
public final class InvalidRequestException extends RuntimeException {

    private final String field;
    private final String problem;
    private final ProblemCode code;
    private final List<Object> arguments;

    /** A problem without a code of its own: the pages say only that the value is wrong ({@link InputProblem#INVALID}). */
    public InvalidRequestException(String field, String problem) {
        this(field, InputProblem.INVALID, problem);
    }

    /**
     * @param code      what is wrong, for the pages
     * @param problem   the same in an English sentence, for the API and the logs
     * @param arguments the values the code's text names, in the order its comment gives
     */
    public InvalidRequestException(String field, ProblemCode code, String problem, Object... arguments) {
        this(field == null ? "" : shown(field), shown(problem), code, ProblemCode.arguments(arguments));
    }

    private InvalidRequestException(String field, String problem, ProblemCode code, List<Object> arguments) {
        super(field.isEmpty() ? problem : field + ": " + problem);
        this.field = field;
        this.problem = problem;
        this.code = code;
        this.arguments = arguments;
    }

    /** The same problem about another field, e.g. a nested value's path as its caller names it. */
    public InvalidRequestException about(String otherField) {
        return new InvalidRequestException(otherField == null ? "" : shown(otherField), problem, code, arguments);
    }

    /** The longest problem text shown: an echoed 10 MB value helps nobody. */
    private static final int MAX_SHOWN = 300;

    /**
     * Input echoed in a message stays on one line and cannot steer a terminal: control and
     * invisible characters are written as \\uXXXX, and very long text is cut.
     */
    static String shown(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_SHOWN) + 16);
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= MAX_SHOWN) {
                return out.append("… (").append(text.length()).append(" characters)").toString();
            }
            char c = text.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || (Character.isSurrogate(c) && !pairedAt(text, i))) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean pairedAt(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    /** The JSON path of the offending field, empty when the problem is the document itself. */
    public String field() {
        return field;
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
