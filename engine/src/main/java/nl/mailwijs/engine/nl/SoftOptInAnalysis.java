package nl.mailwijs.engine.nl;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.evaluation.Facts;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.Purchase;
import nl.mailwijs.engine.values.Topics;

/**
 * The purchases that could carry a soft opt-in and why each does or does not; shared by
 * NL-TW-11.7-3 and NL-POLICY-SOFT-TERM.
 *
 * @param candidates purchases at or before the send whose address was collected in the sale,
 *                   oldest first (undated ones before all dated ones)
 */
record SoftOptInAnalysis(List<Candidate> candidates) {

    /**
     * @param failure  the first failing condition in the order of rules-nl.md, or null when it carries the basis
     * @param lapsesAt date + term, null when the purchase has no date
     */
    record Candidate(Purchase purchase, String id, Denial failure, Instant lapsesAt, String dissimilarTopic) {
        boolean carries() {
            return failure == null;
        }
    }

    static final Function<Facts, SoftOptInAnalysis> OF = SoftOptInAnalysis::analyse;

    /** The order in which a candidate's failures are checked, and so which one is reported. */
    static final List<Denial> FAILURE_ORDER = List.of(
            Denial.SOFT_OPT_IN_UNPROVEN, Denial.SOFT_OPT_IN_NO_OBJECTION_CHANCE, Denial.SOFT_OPT_IN_NOT_SIMILAR, Denial.SOFT_OPT_IN_EXPIRED);

    private static final Comparator<Candidate> OLDEST_FIRST = Comparator
            .comparing((Candidate candidate) -> candidate.purchase().date(), Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(candidate -> candidate.failure() == null ? -1 : FAILURE_ORDER.indexOf(candidate.failure()),
                    Comparator.reverseOrder())
            .thenComparing(Candidate::id, Comparator.reverseOrder());

    private static SoftOptInAnalysis analyse(Facts facts) {
        List<Candidate> candidates = new ArrayList<>(2);
        List<Purchase> purchases = facts.purchases();
        int months = facts.policy().softOptInMonths();
        for (Purchase purchase : purchases) {
            if (!purchase.addressCollectedInSale()) {
                continue;
            }
            String id = purchase.id() != null ? purchase.id() : facts.nameOf(purchase, "purchases", facts.request().evidence().purchases());
            Instant lapsesAt = purchase.date() == null ? null
                    : purchase.date().atOffset(ZoneOffset.UTC).plusMonths(months).toInstant();
            String dissimilar = firstDissimilarTopic(purchase, facts);
            candidates.add(new Candidate(purchase, id, failureOf(purchase, facts, lapsesAt, dissimilar), lapsesAt, dissimilar));
        }
        candidates.sort(OLDEST_FIRST);
        return new SoftOptInAnalysis(List.copyOf(candidates));
    }

    private static Denial failureOf(Purchase purchase, Facts facts, Instant lapsesAt, String dissimilarTopic) {
        if (purchase.proof() == Proof.NONE || purchase.date() == null) {
            return Denial.SOFT_OPT_IN_UNPROVEN;
        }
        if (!purchase.objectionOffered()) {
            return Denial.SOFT_OPT_IN_NO_OBJECTION_CHANCE;
        }
        if (facts.topics().isEmpty() || dissimilarTopic != null) {
            return Denial.SOFT_OPT_IN_NOT_SIMILAR;
        }
        // The term ends at date + months: a send at that very instant is already too late.
        if (!facts.sendAt().isBefore(lapsesAt)) {
            return Denial.SOFT_OPT_IN_EXPIRED;
        }
        return null;
    }

    /** The first message topic that is neither a category of the purchase nor similar to one. */
    private static String firstDissimilarTopic(Purchase purchase, Facts facts) {
        for (String topic : facts.topics()) {
            if (!coveredBy(purchase, topic, facts)) {
                return topic;
            }
        }
        return null;
    }

    private static boolean coveredBy(Purchase purchase, String topic, Facts facts) {
        String key = Topics.key(topic);
        for (String category : purchase.categories()) {
            if (Topics.key(category).equals(key) || facts.policy().similarTo(category).contains(key)) {
                return true;
            }
        }
        return false;
    }

    List<Candidate> carrying() {
        return candidates.stream().filter(Candidate::carries).toList();
    }

    /**
     * The most recent candidate, the one whose failure is reported when none carries. Among
     * candidates of the same date, the one whose failure comes first in {@link #FAILURE_ORDER}.
     */
    Candidate mostRecent() {
        return candidates.isEmpty() ? null : candidates.getLast();
    }
}
