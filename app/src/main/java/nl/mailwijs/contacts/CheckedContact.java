package nl.mailwijs.contacts;

import nl.mailwijs.decisionjson.InvalidRequestException;

/**
 * A contact validated by {@link Contacts#checkForBatch}, ready for {@link Contacts#createAllChecked};
 * or the reason it was refused. Only {@link Contacts} makes these, so what it stores has always
 * passed its checks.
 */
public final class CheckedContact {

    private final Contacts.Valid valid;
    private final InvalidRequestException refused;

    CheckedContact(Contacts.Valid valid, InvalidRequestException refused) {
        this.valid = valid;
        this.refused = refused;
    }

    Contacts.Valid valid() {
        return valid;
    }

    /** Why the contact cannot be stored, naming the field; null when it can. */
    public InvalidRequestException refused() {
        return refused;
    }
}
