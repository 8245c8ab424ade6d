package nl.mailwijs.engine.decision;

/**
 * A sentence for a person with numbered placeholders ({@code {0}}, {@code {1}}), per
 * language. Rule packs define their own templates, so a new pack adds sentences without
 * touching another pack's.
 */
public interface ReasonTemplate {

    String pattern(Language language);
}
