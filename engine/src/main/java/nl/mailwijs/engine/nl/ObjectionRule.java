package nl.mailwijs.engine.nl;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.evaluation.CatalogueRule;
import nl.mailwijs.engine.evaluation.Facts;
import nl.mailwijs.engine.evaluation.Finding;
import nl.mailwijs.engine.evaluation.Stage;
import nl.mailwijs.engine.request.Objection;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.values.Topics;

/**
 * NL-AVG-21: an objection beats every basis, for all addresses of the person on the channels
 * it names, from the moment it is recorded. Limited to topics, it stops those topics only.
 */
final class ObjectionRule extends CatalogueRule {

    static final String ID = "NL-AVG-21";

    /** Earliest first; ties broken on route and id so the order of the evidence never shows in the reason. */
    private static final Comparator<Objection> EARLIEST_FIRST = Comparator
            .comparing(Objection::at, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(Objection::via, Comparator.nullsFirst(Comparator.<ObjectionRoute>naturalOrder()))
            .thenComparing(Objection::id, Comparator.nullsFirst(Comparator.<String>naturalOrder()));

    ObjectionRule() {
        super(ID, Stage.STOP);
    }

    @Override
    public Finding evaluate(Facts facts) {
        if (facts.objections().isEmpty()) {
            return Finding.passed(NlText.OBJECTION_NONE);
        }
        return facts.objections().stream()
                .filter(objection -> covers(objection, facts))
                .min(EARLIEST_FIRST)
                .map(objection -> Finding.denies(Denial.OBJECTED, NlText.OBJECTION_APPLIES,
                        objection.at() == null ? NlTerms.dateUnknown() : objection.at(),
                        NlTerms.route(objection.via()), NlTerms.purpose(facts.message().purpose()),
                        NlTerms.channel(facts.channel()), NlTerms.objectedTopics(objectedTopics(objection, facts))))
                .orElseGet(() -> Finding.passed(NlText.OBJECTION_NOT_COVERING,
                        NlTerms.channel(facts.channel()), NlTerms.topics(facts.topics())));
    }

    /** The message's topics the objection names; empty when it objects to all. */
    private static List<String> objectedTopics(Objection objection, Facts facts) {
        return objection.topics().isEmpty() ? List.of()
                : facts.topics().stream().filter(topic -> Topics.containsTopic(objection.topics(), topic)).toList();
    }

    static boolean covers(Objection objection, Facts facts) {
        if (!objection.covers(facts.channel())) {
            return false;
        }
        if (objection.topics().isEmpty()) {
            return true;
        }
        for (String topic : facts.topics()) {
            if (Topics.containsTopic(objection.topics(), topic)) {
                return true;
            }
        }
        return false;
    }
}
