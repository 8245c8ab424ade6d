package nl.mailwijs.engine.decision;

/** A value that reads differently per language, used as an argument of a reason's text. */
public interface Localized {

    String in(Language language);
}
