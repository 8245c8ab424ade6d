package nl.mailwijs.content;

import java.util.List;

/**
 * One recipient's message cannot be rendered safely: a merge value would put a line break into
 * the subject (header injection), or the unsubscribe URL given is not an absolute http(s) URL.
 * The message for that recipient must not be sent; the others are unaffected.
 */
public final class ContentRenderException extends ContentException {

    private final ContentProblem problem;

    public ContentRenderException(ContentProblem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    @Override
    public List<ContentProblem> problems() {
        return List.of(problem);
    }
}
