package nl.mailwijs.engine.decision;

/**
 * How one rule came out. PASSED: the rule holds in favour of sending (a basis holds, no
 * objection applies, the message is outside the law's scope). FAILED: the rule stands
 * against sending. NOT_APPLICABLE: the rule had nothing to judge here, or an earlier rule
 * already decided.
 */
public enum Outcome {
    PASSED, FAILED, NOT_APPLICABLE
}
