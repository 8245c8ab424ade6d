package nl.mailwijs.audit;

import nl.mailwijs.decisionjson.ProblemCode;

/**
 * Why a row of an export cannot be read at all, for the pages (see {@link ProblemCode}); the
 * arguments each takes are in its comment.
 */
public enum RowProblem implements ProblemCode {
    /** (): a quoted field runs to the end of the file. */
    QUOTE_NOT_CLOSED("a quoted field is not closed (a \" is missing)"),
    /** (): {@code "abc"def}. */
    TEXT_AFTER_QUOTE("text after the closing quote of a field (a \" inside a quoted field must be doubled: \"\")"),
    /** (the fields in the row, the columns in the header, the separator) */
    FIELD_COUNT(null),
    /** (): bytes that are not UTF-8, e.g. an export saved as Windows-1252. */
    NOT_UTF8("is not valid UTF-8; save the export as 'CSV UTF-8' (in Excel: Save as, CSV UTF-8)");

    private final String text;

    RowProblem(String text) {
        this.text = text;
    }

    /** The English sentence, for codes that name no values. */
    String text() {
        return text;
    }

    @Override
    public String key() {
        return "problem.row." + name();
    }
}
