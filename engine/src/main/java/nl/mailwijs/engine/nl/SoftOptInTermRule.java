package nl.mailwijs.engine.nl;

import java.time.Instant;
import java.util.List;

import nl.mailwijs.engine.evaluation.CatalogueRule;
import nl.mailwijs.engine.evaluation.Facts;
import nl.mailwijs.engine.evaluation.Finding;
import nl.mailwijs.engine.evaluation.Stage;

/**
 * NL-POLICY-SOFT-TERM: the law sets no term; the soft opt-in lapses {@code softOptInMonths}
 * after the most recent qualifying purchase. The denial itself is NL-TW-11.7-3's.
 */
final class SoftOptInTermRule extends CatalogueRule {

    static final String ID = "NL-POLICY-SOFT-TERM";

    SoftOptInTermRule() {
        super(ID, Stage.BASIS);
    }

    @Override
    public Finding evaluate(Facts facts) {
        SoftOptInAnalysis analysis = facts.analysis(SoftOptInAnalysis.OF);
        var months = NlTerms.months(facts.policy().softOptInMonths());
        List<SoftOptInAnalysis.Candidate> carrying = analysis.carrying();
        if (!carrying.isEmpty()) {
            // The same purchase NL-TW-11.7-3 names: the most recent (candidates are sorted oldest first).
            SoftOptInAnalysis.Candidate latest = carrying.getLast();
            return Finding.passed(NlText.TERM_RUNNING, months, latest.id(), latest.lapsesAt());
        }
        SoftOptInAnalysis.Candidate latest = analysis.mostRecent();
        if (latest == null) {
            return Finding.notApplicable(NlText.TERM_NO_PURCHASE);
        }
        Instant lapsesAt = latest.lapsesAt();
        if (lapsesAt == null) {
            return Finding.notApplicable(NlText.TERM_UNKNOWN_DATE, latest.id());
        }
        return facts.sendAt().isBefore(lapsesAt)
                ? Finding.notApplicable(NlText.TERM_NOT_CARRYING, months, latest.id(), lapsesAt)
                : Finding.failed(NlText.TERM_LAPSED, months, latest.id(), lapsesAt);
    }
}
