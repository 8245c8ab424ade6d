/**
 * Decisions over the API: the decision JSON of decision-format.md in and out, unchanged, and
 * (next) decisions over the stored evidence of a contact.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Decisions")
package nl.mailwijs.decisions;
