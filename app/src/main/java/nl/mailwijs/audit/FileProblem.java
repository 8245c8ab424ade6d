package nl.mailwijs.audit;

import nl.mailwijs.decisionjson.ProblemCode;

/**
 * Why an export cannot be read at all (an {@link AuditInputException}), for the pages (see
 * {@link ProblemCode}); the arguments each takes are in its comment, the file's name first.
 */
public enum FileProblem implements ProblemCode {
    /** (the file): a directory, a missing file or one that may not be read. */
    NOT_READABLE,
    /** (the file) */
    EMPTY,
    /** (the file): Excel's "Unicode text". */
    UTF16,
    /** (the file): no line break in the first megabyte. */
    NO_HEADER,
    /** (the file, the column) */
    COLUMN_TWICE,
    /** (the file, the column, the columns the header has) */
    COLUMN_MISSING,
    /** (the file name of the kind): two files of one kind in one import. */
    KIND_TWICE,
    /** (): anything else the audit refuses to start on (its command-line options). */
    OTHER;

    @Override
    public String key() {
        return "problem.file." + name();
    }
}
