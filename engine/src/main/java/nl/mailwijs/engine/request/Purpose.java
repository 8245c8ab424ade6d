package nl.mailwijs.engine.request;

/** What a message is for, as the sender declares it. */
public enum Purpose {
    COMMERCIAL, IDEOLOGICAL, CHARITABLE, SERVICE, PERSONAL_PROPOSAL
}
