package nl.mailwijs.engine.request;

/** The route an objection came in by; every route counts (NL-AVG-21). */
public enum ObjectionRoute {
    UNSUBSCRIBE_LINK, EMAIL, PHONE, LETTER, COMPLAINT, PREFERENCE_CENTRE
}
