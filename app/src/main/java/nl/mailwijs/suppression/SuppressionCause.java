package nl.mailwijs.suppression;

/** Why an address is on the suppression list. */
public enum SuppressionCause {
    /** The person objected and was then erased (AVG 17): the objection outlives their data. */
    ERASURE("erasure-suppression-"),
    /** An objection came in for an address that no contact has (staff entered it by address). */
    ADDRESS_OBJECTION("address-suppression-");

    private final String evidencePrefix;

    SuppressionCause(String evidencePrefix) {
        this.evidencePrefix = evidencePrefix;
    }

    String evidencePrefix() {
        return evidencePrefix;
    }
}
