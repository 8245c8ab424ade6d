package nl.mailwijs.content;

/**
 * One recipient's message cannot be rendered safely: a merge value would put a line break into
 * the subject (header injection), or the unsubscribe URL given is not an absolute http(s) URL.
 * The message for that recipient must not be sent; the others are unaffected.
 */
public final class ContentRenderException extends ContentException {

    public ContentRenderException(String message) {
        super(message);
    }
}
