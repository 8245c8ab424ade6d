package nl.mailwijs.audit;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Denial;

/** How many contacts came out which way; one per batch, added up in file order. */
final class AuditTally {

    private long allowed;
    private long denied;
    private long noAddress;
    private final long[] byBasis = new long[Basis.values().length];
    private final long[] byDenial = new long[Denial.values().length];

    void count(Decision decision) {
        if (decision.allowed()) {
            allowed++;
            byBasis[decision.basis().ordinal()]++;
        } else {
            denied++;
            byDenial[decision.denial().ordinal()]++;
        }
    }

    void countNoAddress() {
        noAddress++;
    }

    void add(AuditTally other) {
        allowed += other.allowed;
        denied += other.denied;
        noAddress += other.noAddress;
        for (int i = 0; i < byBasis.length; i++) {
            byBasis[i] += other.byBasis[i];
        }
        for (int i = 0; i < byDenial.length; i++) {
            byDenial[i] += other.byDenial[i];
        }
    }

    /** Contacts with a report row: allowed, denied and without an address. */
    long audited() {
        return allowed + denied + noAddress;
    }

    long allowed() {
        return allowed;
    }

    long denied() {
        return denied;
    }

    long noAddress() {
        return noAddress;
    }

    long count(Basis basis) {
        return byBasis[basis.ordinal()];
    }

    long count(Denial denial) {
        return byDenial[denial.ordinal()];
    }
}
