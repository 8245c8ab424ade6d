package nl.mailwijs.engine.decision;

/** The legal ground an ALLOW rests on. */
public enum Basis {
    CONSENT, SOFT_OPT_IN, NOT_REGULATED, PERSONAL_PROPOSAL, OFFER_ADDRESS, OUTSIDE_EEA_BUSINESS
}
