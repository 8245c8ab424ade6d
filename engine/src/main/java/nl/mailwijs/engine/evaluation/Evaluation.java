package nl.mailwijs.engine.evaluation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.decision.Reason;
import nl.mailwijs.engine.decision.Verdict;
import nl.mailwijs.engine.request.DecisionRequest;

/**
 * The evaluation order every pack follows: scope, then what stops a send, then the bases,
 * default deny. Every rule of the pack appears in the decision's reasons; rules after the
 * stage that decided are reported as not reached.
 */
public final class Evaluation {

    private Evaluation() {
    }

    public static Decision evaluate(RulePack pack, DecisionRequest request) {
        Facts facts = new Facts(request);
        List<Rule> rules = pack.rules();
        List<Reason> reasons = new ArrayList<>(rules.size());
        List<String> stoppedBy = new ArrayList<>(2);
        Denial stopDenial = null;
        Finding granted = null;
        String grantedBy = null;
        Set<Denial> offeredDenials = EnumSet.noneOf(Denial.class);
        Stage decidedAt = null;

        for (Rule rule : rules) {
            if (decidedAt != null && rule.stage().compareTo(decidedAt) > 0) {
                reasons.add(Reason.of(rule.id(), Outcome.NOT_APPLICABLE, pack.notReached(decidedAt)));
                continue;
            }
            Finding finding = rule.evaluate(facts);
            reasons.add(new Reason(rule.id(), finding.outcome(), finding.template(), finding.arguments()));
            switch (rule.stage()) {
                case SCOPE -> {
                    if (finding.grants() == Basis.NOT_REGULATED) {
                        granted = finding;
                        grantedBy = rule.id();
                        decidedAt = Stage.SCOPE;
                    }
                }
                case STOP -> {
                    if (finding.outcome() == Outcome.FAILED && finding.denial() != null) {
                        stoppedBy.add(rule.id());
                        stopDenial = stopDenial == null ? finding.denial() : stopDenial;
                        decidedAt = Stage.STOP;
                    }
                }
                case BASIS -> {
                    if (finding.grants() != null && granted == null) {
                        granted = finding;
                        grantedBy = rule.id();
                    } else if (finding.outcome() == Outcome.FAILED && finding.denial() != null) {
                        offeredDenials.add(finding.denial());
                    }
                }
            }
        }

        if (stopDenial != null) {
            return deny(pack, stopDenial, reasons, stoppedBy);
        }
        if (granted != null) {
            Basis basis = granted.grants();
            return new Decision(Verdict.ALLOW, basis, null, reasons, granted.evidence(), granted.validUntil(),
                    List.copyOf(pack.obligations(basis, facts)), List.of(grantedBy), pack.jurisdiction());
        }
        Denial denial = pack.denialPrecedence().stream().filter(offeredDenials::contains).findFirst().orElse(pack.defaultDenial());
        List<String> failedBases = reasons.stream()
                .filter(reason -> reason.outcome() == Outcome.FAILED)
                .map(Reason::rule)
                .toList();
        return deny(pack, denial, reasons, failedBases);
    }

    private static Decision deny(RulePack pack, Denial denial, List<Reason> reasons, List<String> decidingRules) {
        return new Decision(Verdict.DENY, null, denial, reasons, List.of(), null, List.of(), decidingRules, pack.jurisdiction());
    }
}
