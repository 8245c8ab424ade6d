package nl.mailwijs.contacts;

import nl.mailwijs.decisionjson.InvalidRequestException;

/**
 * What {@link Contacts#createAll} did with one contact of the batch.
 *
 * @param id      the contact's id; 0 when refused
 * @param created false when a contact with the external id existed (its new addresses were added)
 * @param refused why the contact was not stored, naming the field; null when stored
 */
public record BatchCreated(long id, boolean created, InvalidRequestException refused) {
}
