package nl.mailwijs.imports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import nl.mailwijs.decisionjson.InputProblem;
import nl.mailwijs.decisionjson.ProblemCode;

/**
 * A row that was not imported.
 *
 * @param column    the column at fault, empty when the row as a whole is wrong
 * @param reason    what is wrong, in English: the API and the terminal show it
 * @param code      the same for the web pages, which show it in the person's language; not part of the API's report
 * @param arguments the values the code's text names
 */
public record ImportRejection(String file, int line, String column, String reason, @JsonIgnore ProblemCode code,
                              @JsonIgnore List<Object> arguments) {

    public ImportRejection {
        // Not List.copyOf: an argument may be null (an absent value).
        arguments = arguments == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(arguments));
    }

    /** A rejection without a code of its own: the pages say only that the row is wrong. */
    public ImportRejection(String file, int line, String column, String reason) {
        this(file, line, column, reason, InputProblem.INVALID, List.of());
    }

    /** As shown on the terminal: {@code purchases.csv:17: date: '31-02-2024' is not a valid date …}. */
    public String describe() {
        return file + ":" + line + ": " + (column.isEmpty() ? "" : column + ": ") + reason;
    }
}
