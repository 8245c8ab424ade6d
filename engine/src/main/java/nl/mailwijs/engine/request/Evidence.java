package nl.mailwijs.engine.request;

import java.util.List;

/** Everything known about the recipient that may carry or stop a send. */
public record Evidence(List<Consent> consents, List<Purchase> purchases, List<Interaction> interactions, List<Objection> objections) {

    public static final Evidence NONE = new Evidence(List.of(), List.of(), List.of(), List.of());

    public Evidence {
        consents = List.copyOf(consents);
        purchases = List.copyOf(purchases);
        interactions = List.copyOf(interactions);
        objections = List.copyOf(objections);
    }
}
