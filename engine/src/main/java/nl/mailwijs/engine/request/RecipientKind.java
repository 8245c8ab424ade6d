package nl.mailwijs.engine.request;

/**
 * Consumer or business. Tw 11.7(2) treats a legal entity and a natural person acting in the
 * course of their trade or profession alike; both are {@link #LEGAL_ENTITY}.
 */
public enum RecipientKind {
    NATURAL_PERSON, LEGAL_ENTITY
}
