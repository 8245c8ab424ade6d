package nl.mailwijs.content.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import nl.mailwijs.content.ContentProblem;

/**
 * Reads the merge fields in one part of a draft, once, at compile time.
 *
 * <pre>
 * {{contact.firstName}}                      the value, or empty
 * {{ contact.firstName | default: "klant" }} the value, or "klant" when the contact has none
 * {{contact.attributes.city}}                a free attribute, declared in the draft
 * {{unsubscribeUrl}}                         this recipient's objection link (no default)
 * {{ "{{" }}                                 a literal "{{"
 * </pre>
 *
 * Inside a quoted string {@code \"} is a quote and {@code \\} a backslash. Every problem is
 * reported with its line and column; parsing goes on after one so the author sees them all.
 */
public final class MergeSyntax {

    /** Literal text, or a field. */
    public sealed interface Piece permits Literal, Field {
    }

    public record Literal(String text) implements Piece {
    }

    public record Field(FieldRef ref) implements Piece {
    }

    private static final List<String> FIELDS = List.of(
            "contact.firstName", "contact.name", "contact.email", "contact.attributes.<name>", "unsubscribeUrl");

    private final String part;
    private final String source;
    private final Set<String> attributes;
    private final List<ContentProblem> problems;
    private final List<Piece> pieces = new ArrayList<>();
    private final StringBuilder literal = new StringBuilder();
    private int at;

    private MergeSyntax(String part, String source, Set<String> attributes, List<ContentProblem> problems) {
        this.part = part;
        this.source = source;
        this.attributes = attributes;
        this.problems = problems;
    }

    /**
     * @param attributes the attribute names {@code {{contact.attributes.X}}} may use
     * @param problems   where problems are added
     */
    public static List<Piece> parse(String part, String source, Set<String> attributes, List<ContentProblem> problems) {
        MergeSyntax syntax = new MergeSyntax(part, source, attributes, problems);
        syntax.run();
        return syntax.pieces;
    }

    private void run() {
        while (at < source.length()) {
            int open = source.indexOf("{{", at);
            if (open < 0) {
                text(source.substring(at));
                break;
            }
            text(source.substring(at, open));
            at = open + 2;
            expression(open);
        }
        flush();
    }

    private void expression(int open) {
        skipSpaces();
        if (peek() == '"') {
            String text = string(open);
            skipSpaces();
            if (text == null || !close(open)) {
                return;
            }
            text(text);
            return;
        }
        int start = at;
        while (at < source.length() && isPathChar(source.charAt(at))) {
            at++;
        }
        String path = source.substring(start, at);
        skipSpaces();
        String defaultValue = null;
        if (peek() == '|') {
            at++;
            skipSpaces();
            if (!source.startsWith("default", at)) {
                problem(at, "after '|' only 'default: \"text\"' is allowed", ContentProblem.Code.ONLY_DEFAULT_AFTER_PIPE);
                recover();
                return;
            }
            at += "default".length();
            skipSpaces();
            if (peek() != ':') {
                problem(at, "write default: \"text\" (a colon after default)", ContentProblem.Code.DEFAULT_WITHOUT_COLON);
                recover();
                return;
            }
            at++;
            skipSpaces();
            if (peek() != '"') {
                problem(at, "the default must be a quoted text, e.g. default: \"klant\"", ContentProblem.Code.DEFAULT_NOT_QUOTED);
                recover();
                return;
            }
            defaultValue = string(open);
            if (defaultValue == null) {
                return;
            }
            skipSpaces();
        }
        if (!close(open)) {
            return;
        }
        FieldRef field = field(path, defaultValue, open);
        if (field != null) {
            flush();
            pieces.add(new Field(field));
        }
    }

    private FieldRef field(String path, String defaultValue, int open) {
        switch (path) {
            case "contact.firstName":
                return new FieldRef(FieldRef.Kind.FIRST_NAME, null, defaultValue);
            case "contact.name":
                return new FieldRef(FieldRef.Kind.NAME, null, defaultValue);
            case "contact.email":
                return new FieldRef(FieldRef.Kind.EMAIL, null, defaultValue);
            case "unsubscribeUrl":
                if (defaultValue != null) {
                    problem(open, "{{unsubscribeUrl}} takes no default: every recipient has one", ContentProblem.Code.UNSUBSCRIBE_URL_DEFAULT);
                    return null;
                }
                return new FieldRef(FieldRef.Kind.UNSUBSCRIBE_URL, null, null);
            case "":
                problem(open, "empty merge field; known fields: " + String.join(", ", FIELDS)
                        + " (write {{ \"{{\" }} for a literal {{)", ContentProblem.Code.EMPTY_FIELD, String.join(", ", FIELDS));
                return null;
            default:
                break;
        }
        String prefix = "contact.attributes.";
        if (path.startsWith(prefix) && path.length() > prefix.length()) {
            String name = path.substring(prefix.length());
            if (attributes.contains(name)) {
                return new FieldRef(FieldRef.Kind.ATTRIBUTE, name, defaultValue);
            }
            String declared = String.join(", ", new TreeSet<>(attributes));
            if (attributes.isEmpty()) {
                problem(open, "unknown attribute '" + name + "' in {{" + path + "}}; no attributes are declared for this message",
                        ContentProblem.Code.UNKNOWN_ATTRIBUTE_NONE_DECLARED, name);
            } else {
                problem(open, "unknown attribute '" + name + "' in {{" + path + "}}; declared: " + declared,
                        ContentProblem.Code.UNKNOWN_ATTRIBUTE, name, declared);
            }
            return null;
        }
        String similar = FIELDS.stream()
                .filter(known -> known.toLowerCase(Locale.ROOT).equals(path.toLowerCase(Locale.ROOT)))
                .findFirst().orElse(null);
        if (similar != null) {
            problem(open, "unknown merge field {{" + path + "}}; did you mean {{" + similar + "}}?", ContentProblem.Code.UNKNOWN_FIELD_DID_YOU_MEAN,
                    path, similar);
        } else {
            problem(open, "unknown merge field {{" + path + "}}; known fields: " + String.join(", ", FIELDS), ContentProblem.Code.UNKNOWN_FIELD,
                    path, String.join(", ", FIELDS));
        }
        return null;
    }

    /** A quoted string starting at the current position, or null after reporting it unterminated. */
    private String string(int open) {
        StringBuilder text = new StringBuilder();
        at++;
        while (at < source.length()) {
            char c = source.charAt(at++);
            if (c == '"') {
                return text.toString();
            }
            if (c == '\\' && at < source.length()) {
                c = source.charAt(at++);
            }
            text.append(c);
        }
        problem(open, "a quoted text inside {{ … }} is not closed with \"", ContentProblem.Code.QUOTE_NOT_CLOSED);
        return null;
    }

    private boolean close(int open) {
        if (source.startsWith("}}", at)) {
            at += 2;
            return true;
        }
        if (at < source.length()) {
            int[] opened = lineAndColumn(open);
            problem(at, "unexpected '" + source.charAt(at) + "' in the merge field opened at " + position(open) + "; expected }}",
                    ContentProblem.Code.UNEXPECTED_CHARACTER, String.valueOf(source.charAt(at)), opened[0], opened[1]);
        } else {
            problem(open, "the merge field opened here is not closed with }}", ContentProblem.Code.FIELD_NOT_CLOSED);
        }
        recover();
        return false;
    }

    /**
     * Skips the rest of a broken field: to its }} when that comes before the next {{ and the
     * line's end, else only to there, so a forgotten }} does not swallow the next field's check.
     */
    private void recover() {
        int close = source.indexOf("}}", at);
        int stop = source.length();
        for (int next : new int[] {source.indexOf("{{", at), source.indexOf('\n', at)}) {
            if (next >= 0) {
                stop = Math.min(stop, next);
            }
        }
        at = close >= 0 && close < stop ? close + 2 : stop;
    }

    private void text(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // Private-use characters are the body's field tokens (Tokens); the author's own become U+FFFD.
            literal.append(Tokens.isPrivateUse(c) ? '\uFFFD' : c);
        }
    }

    private void flush() {
        if (!literal.isEmpty()) {
            pieces.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    private void skipSpaces() {
        while (at < source.length() && (source.charAt(at) == ' ' || source.charAt(at) == '\t')) {
            at++;
        }
    }

    private char peek() {
        return at < source.length() ? source.charAt(at) : 0;
    }

    private static boolean isPathChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
    }

    private void problem(int index, String message, ContentProblem.Code code, Object... arguments) {
        int[] position = lineAndColumn(index);
        problems.add(new ContentProblem(part, position[0], position[1], message, code, arguments));
    }

    private String position(int index) {
        int[] position = lineAndColumn(index);
        return "line " + position[0] + ", column " + position[1];
    }

    private int[] lineAndColumn(int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
