package nl.mailwijs.content;

/**
 * One thing wrong with what an author wrote, found when the message is compiled.
 *
 * @param part   {@code subject}, {@code preheader}, {@code body}, {@code textBody}, {@code layout} or {@code settings.…}
 * @param line   1-based line in that part, or 0 when the problem is not at a place in the text
 * @param column 1-based column (in UTF-16 characters), or 0
 */
public record ContentProblem(String part, int line, int column, String message) {

    @Override
    public String toString() {
        return line == 0 ? part + ": " + message : part + " " + line + ":" + column + ": " + message;
    }
}
