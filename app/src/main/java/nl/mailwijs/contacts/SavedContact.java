package nl.mailwijs.contacts;

/**
 * What {@link Contacts#create} did.
 *
 * @param created false when a contact with the same external id existed: it was returned, with
 *                any new addresses added and nothing else changed
 */
public record SavedContact(Contact contact, boolean created) {
}
