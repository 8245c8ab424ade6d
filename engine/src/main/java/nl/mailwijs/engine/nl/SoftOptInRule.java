package nl.mailwijs.engine.nl;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.evaluation.CatalogueRule;
import nl.mailwijs.engine.evaluation.Facts;
import nl.mailwijs.engine.evaluation.Finding;
import nl.mailwijs.engine.evaluation.Stage;
import nl.mailwijs.engine.request.Interaction;
import nl.mailwijs.engine.request.Purchase;

/**
 * NL-TW-11.7-3: existing customers. A proven sale, the address collected in it by the sender
 * with a chance to object, a message about the sender's own similar products, within the term.
 */
final class SoftOptInRule extends CatalogueRule {

    static final String ID = "NL-TW-11.7-3";

    SoftOptInRule() {
        super(ID, Stage.BASIS);
    }

    @Override
    public Finding evaluate(Facts facts) {
        SoftOptInAnalysis analysis = facts.analysis(SoftOptInAnalysis.OF);
        List<SoftOptInAnalysis.Candidate> carrying = analysis.carrying();
        if (!carrying.isEmpty()) {
            SoftOptInAnalysis.Candidate latest = carrying.getLast();
            List<String> ids = carrying.stream().map(SoftOptInAnalysis.Candidate::id).sorted().toList();
            Instant validUntil = carrying.stream().map(SoftOptInAnalysis.Candidate::lapsesAt).max(Comparator.naturalOrder()).orElseThrow();
            return Finding.grants(Basis.SOFT_OPT_IN, ids, validUntil, NlText.SOFT_HOLDS,
                    latest.id(), latest.purchase().date(), NlTerms.topics(facts.topics()));
        }
        SoftOptInAnalysis.Candidate latest = analysis.mostRecent();
        if (latest == null) {
            return noCandidate(facts);
        }
        Purchase purchase = latest.purchase();
        return switch (latest.failure()) {
            case SOFT_OPT_IN_UNPROVEN -> Finding.denies(latest.failure(), NlText.SOFT_UNPROVEN, latest.id());
            case SOFT_OPT_IN_NO_OBJECTION_CHANCE -> Finding.denies(latest.failure(), NlText.SOFT_NO_OBJECTION_CHANCE, latest.id());
            case SOFT_OPT_IN_NOT_SIMILAR -> latest.dissimilarTopic() == null
                    ? Finding.denies(latest.failure(), NlText.SOFT_NO_TOPIC, latest.id())
                    : Finding.denies(latest.failure(), NlText.SOFT_NOT_SIMILAR, latest.id(), latest.dissimilarTopic(),
                            NlTerms.categories(purchase.categories()));
            case SOFT_OPT_IN_EXPIRED -> Finding.denies(latest.failure(), NlText.SOFT_EXPIRED, latest.id(), purchase.date(),
                    NlTerms.months(facts.policy().softOptInMonths()), latest.lapsesAt());
            default -> throw new IllegalStateException("not a soft opt-in failure: " + latest.failure());
        };
    }

    private static Finding noCandidate(Facts facts) {
        if (!facts.purchases().isEmpty()) {
            return Finding.failed(NlText.SOFT_ADDRESS_NOT_FROM_SALE);
        }
        return facts.interactions().stream()
                .filter(interaction -> interaction.type() != null)
                .max(Comparator.comparing(Interaction::date, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                        .thenComparing(Interaction::type))
                .map(interaction -> Finding.failed(NlText.SOFT_INTERACTION_ONLY, NlTerms.interaction(interaction.type())))
                .orElseGet(() -> Finding.failed(NlText.SOFT_NO_PURCHASE));
    }
}
