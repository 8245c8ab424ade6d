package nl.mailwijs.engine.request;

/** How a consent was collected; only some methods are an active, unambiguous act (NL-AVG-7). */
public enum ConsentMethod {
    UNTICKED_CHECKBOX, DOUBLE_OPT_IN, WRITTEN, VERBAL, PRETICKED_CHECKBOX, TERMS_AND_CONDITIONS, IMPORTED
}
