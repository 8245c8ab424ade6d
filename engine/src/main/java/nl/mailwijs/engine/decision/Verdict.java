package nl.mailwijs.engine.decision;

public enum Verdict {
    ALLOW, DENY
}
