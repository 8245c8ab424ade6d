package nl.mailwijs.decisionjson;

/**
 * A request that does not meet {@code decision-format.md}. The field is a path such as
 * {@code evidence.consents[0].method}; the problem says what is wrong and what is expected.
 */
public final class InvalidRequestException extends RuntimeException {

    private final String field;
    private final String problem;

    public InvalidRequestException(String field, String problem) {
        this(field == null ? "" : shown(field), shown(problem), true);
    }

    private InvalidRequestException(String field, String problem, boolean shown) {
        super(field.isEmpty() ? problem : field + ": " + problem);
        this.field = field;
        this.problem = problem;
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
}
