package nl.mailwijs.engine.evaluation;

import java.util.Objects;

/** A rule with its catalogue id and stage fixed at construction; subclasses only evaluate. */
public abstract class CatalogueRule implements Rule {

    private final String id;
    private final Stage stage;

    protected CatalogueRule(String id, Stage stage) {
        this.id = Objects.requireNonNull(id, "id");
        this.stage = Objects.requireNonNull(stage, "stage");
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Stage stage() {
        return stage;
    }

    @Override
    public String toString() {
        return id;
    }
}
