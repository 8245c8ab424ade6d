package nl.mailwijs.engine.request;

/** Contacts that are not a sale, and so never carry a soft opt-in (NL-TW-11.7-3 (a)). */
public enum InteractionType {
    QUOTE, INFORMATION_REQUEST, BROCHURE_REQUEST, SHOWROOM_VISIT, EVENT, OTHER
}
