package nl.mailwijs.evidence;

/** What a ledger record proves. */
public enum EvidenceKind {
    /** A sale: the ground of a soft opt-in (NL-TW-11.7-3). */
    PURCHASE,
    /** A contact that is not a sale (quote, brochure, visit): kept, but never a basis. */
    INTERACTION,
    /** A consent with its proof (NL-TW-11.7-1, NL-AVG-7). */
    CONSENT,
    /** An objection of the person (NL-AVG-21): stops every regulated message it covers. */
    OBJECTION,
    /** The withdrawal of one consent (NL-AVG-7-3). */
    WITHDRAWAL,
    /**
     * The erasure of a contact's personal data (AVG 17): names the records whose content it
     * blanked. Made only by the erasure itself, never appended through the API.
     */
    ERASURE
}
