package nl.mailwijs.engine.request;

/** Who collected a consent. Consent collected by a third party is not consent for this sender. */
public enum ObtainedBy {
    SENDER, THIRD_PARTY
}
