/**
 * Suppression that outlives erasure. A GDPR erasure ({@link nl.mailwijs.suppression.Erasures})
 * deletes a contact's personal data but keeps, per address, a keyed hash (HMAC-SHA256 with a
 * server secret) with the scope and date of each objection the person made; an objection for an
 * address no contact has is kept the same way. {@link nl.mailwijs.suppression.Suppressions} adds
 * them to the evidence wherever recipients are decided, so such an address is never mailed
 * again, even if it is imported anew, while nothing readable of it is kept.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Suppression")
package nl.mailwijs.suppression;
