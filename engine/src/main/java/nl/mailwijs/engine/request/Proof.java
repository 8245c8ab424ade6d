package nl.mailwijs.engine.request;

/** What proves a sale (NL-TW-11.7-3 (f)). */
public enum Proof {
    ORDER, INVOICE, PAYMENT, CONTRACT, NONE
}
