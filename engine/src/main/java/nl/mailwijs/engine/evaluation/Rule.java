package nl.mailwijs.engine.evaluation;

/**
 * One named rule of a jurisdiction's catalogue. Implementations are stateless and so safe
 * to share between threads; whatever they need per request they derive from {@link Facts}.
 */
public interface Rule {

    /** The stable catalogue id, e.g. {@code NL-TW-11.7-3}; the same in code, tests and decisions. */
    String id();

    Stage stage();

    Finding evaluate(Facts facts);
}
