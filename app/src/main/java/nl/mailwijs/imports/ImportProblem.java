package nl.mailwijs.imports;

import nl.mailwijs.decisionjson.ProblemCode;

/** Why the import leaves a row out, beyond a bad value (see {@link ProblemCode}); the arguments each takes are in its comment. */
public enum ImportProblem implements ProblemCode {
    /** (): the row has no contact id. */
    CONTACT_ID_EMPTY,
    /** (the contact id): a second row for one contact in the contacts file. */
    CONTACT_TWICE,
    /** (the id, the contact id): a second row with one id for one contact in an evidence file. */
    RECORD_TWICE,
    /** (the contact id): a second identical row without an id for one contact. */
    ROW_TWICE,
    /** (the contact id): evidence for a contact that is neither in the contacts file nor imported before. */
    UNKNOWN_CONTACT;

    @Override
    public String key() {
        return "problem.import." + name();
    }
}
