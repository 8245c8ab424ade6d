package nl.mailwijs.engine.evaluation;

/** The steps of the evaluation order; every pack evaluates its rules stage by stage. */
public enum Stage {
    /** Is the message regulated at all? A rule here may end the evaluation with NOT_REGULATED. */
    SCOPE,
    /** What stops any regulated send (objection, missing identity): every rule is checked, the first failure denies. */
    STOP,
    /** The legal grounds, in order; the first that holds allows. Failures offer a denial code. */
    BASIS
}
