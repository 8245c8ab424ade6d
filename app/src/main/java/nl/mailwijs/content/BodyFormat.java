package nl.mailwijs.content;

/** What the author wrote the body in. Both end up as sanitised HTML. */
public enum BodyFormat {
    /** CommonMark; raw HTML inside it is allowed and sanitised like {@link #HTML}. */
    MARKDOWN,
    HTML
}
