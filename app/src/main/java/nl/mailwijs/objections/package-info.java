/**
 * Objections that staff enter: by phone, letter, e-mail or in person, for a contact or for an
 * address only. Each is ledger evidence (route, when received, who entered it, the note),
 * effective from the moment it is stored; an objection for an address no contact has goes on the
 * suppression list, so that address is never mailed either.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Objections")
package nl.mailwijs.objections;
