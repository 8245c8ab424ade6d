package nl.mailwijs.evidence;

import nl.mailwijs.decisionjson.ProblemCode;

/** What the ledger refuses to append, for the pages (see {@link ProblemCode}); the arguments each takes are in its comment. */
public enum EvidenceProblem implements ProblemCode {
    /** (the id, the record that has it): the contact has a record of this kind and id with other content. */
    ID_TAKEN,
    /** (the consent's id): a withdrawal names a consent the contact does not have. */
    UNKNOWN_CONSENT;

    @Override
    public String key() {
        return "problem.evidence." + name();
    }
}
