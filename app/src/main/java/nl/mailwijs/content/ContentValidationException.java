package nl.mailwijs.content;

import java.util.List;
import java.util.stream.Collectors;

/** The draft cannot be compiled; {@link #problems()} lists every problem found, not only the first. */
public final class ContentValidationException extends ContentException {

    private final List<ContentProblem> problems;

    public ContentValidationException(List<ContentProblem> problems) {
        super(problems.stream().map(ContentProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    @Override
    public List<ContentProblem> problems() {
        return problems;
    }
}
