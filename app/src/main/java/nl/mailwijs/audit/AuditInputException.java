package nl.mailwijs.audit;

/**
 * An input the audit cannot start on at all (a missing required column, an unreadable file):
 * nothing is audited and the exit code is 2. Rows that cannot be read are not this: they are
 * rejected one by one and the rest is audited.
 */
public final class AuditInputException extends RuntimeException {

    public AuditInputException(String message) {
        super(message);
    }
}
