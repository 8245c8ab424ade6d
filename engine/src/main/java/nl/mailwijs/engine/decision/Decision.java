package nl.mailwijs.engine.decision;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The engine's answer, as {@code decision-format.md} defines it.
 *
 * @param basis           with ALLOW, the ground; null with DENY
 * @param denial          with DENY, why; null with ALLOW
 * @param reasons         every rule of the pack, in evaluation order
 * @param evidenceUsed    ids of the consents or purchases that carry the basis
 * @param basisValidUntil when the basis lapses, or null when it does not lapse by time
 * @param decidingRules   the rule ids that decided: the rule that granted the basis, or the rules that stood in the way
 * @param rulePack        the jurisdiction whose rules decided (e.g. {@code NL})
 */
public record Decision(
        Verdict verdict,
        Basis basis,
        Denial denial,
        List<Reason> reasons,
        List<String> evidenceUsed,
        Instant basisValidUntil,
        List<Obligation> obligations,
        List<String> decidingRules,
        String rulePack) {

    public Decision {
        Objects.requireNonNull(verdict, "verdict");
        if ((verdict == Verdict.ALLOW) != (basis != null) || (verdict == Verdict.DENY) != (denial != null)) {
            throw new IllegalArgumentException("ALLOW needs a basis and no denial, DENY a denial and no basis");
        }
        reasons = List.copyOf(reasons);
        evidenceUsed = List.copyOf(evidenceUsed);
        obligations = List.copyOf(obligations);
        decidingRules = List.copyOf(decidingRules);
    }

    public boolean allowed() {
        return verdict == Verdict.ALLOW;
    }
}
