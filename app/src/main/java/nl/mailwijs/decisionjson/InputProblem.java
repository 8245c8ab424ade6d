package nl.mailwijs.decisionjson;

/**
 * What can be wrong with one value a person or a file gave, for the pages (see {@link ProblemCode}).
 * The arguments each code takes are in its comment; a text echoed from the input comes first.
 */
public enum InputProblem implements ProblemCode {
    /** Wrong in a way that has no code of its own (the API's sentence says how). */
    INVALID,
    /** Missing or empty, but required. */
    REQUIRED,
    /** (the longest allowed length) */
    TOO_LONG,
    /** An empty entry in a list (a tag, a topic). */
    BLANK_ENTRY,
    /** Holds the NUL character, which the database cannot store. */
    NUL_CHARACTER,
    /** Holds half of a UTF-16 surrogate pair: not valid Unicode. */
    UNPAIRED_SURROGATE,
    /** (the text) */
    NOT_A_COUNTRY,
    /** (the text) */
    NOT_AN_EMAIL_ADDRESS,
    /** (the text) */
    NOT_A_PHONE_NUMBER,
    /** (the text) */
    NOT_YES_OR_NO,
    /** (the text) */
    NOT_A_DATE,
    /** (the text): a time of day without a zone, which could be an hour off. */
    TIME_WITHOUT_ZONE,
    /** (the text, the values allowed) */
    NOT_ONE_OF,
    /** (the values allowed): empty, where one of them is required. */
    EMPTY_NOT_ONE_OF,
    /** (the text) */
    NOT_A_CONTACT_KIND,
    /** (the channels): a consent that names no channel. */
    NO_CHANNELS,
    /** (the text, the channels) */
    NOT_ALL_OR_A_CHANNEL,
    /** (the value): given twice where it must be unique. */
    GIVEN_TWICE;

    @Override
    public String key() {
        return "problem.input." + name();
    }
}
