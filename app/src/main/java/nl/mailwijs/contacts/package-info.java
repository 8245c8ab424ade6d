/**
 * Contacts: the people and businesses Mailwijs mails, each with any number of addresses per
 * channel. {@link nl.mailwijs.contacts.Contacts} creates (idempotent by the source system's
 * external id), finds and lists them. A contact is the person, not an address: evidence in the
 * ledger is kept per contact, so an objection reaches every address the person has.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contacts")
package nl.mailwijs.contacts;
