package nl.mailwijs.engine;

import java.util.Map;
import java.util.Objects;

import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.evaluation.Evaluation;
import nl.mailwijs.engine.evaluation.RulePack;
import nl.mailwijs.engine.nl.NlRulePack;
import nl.mailwijs.engine.request.DecisionRequest;

/**
 * The whole decision as one pure, thread-safe function: {@link #decide} reads nothing but its
 * argument and the clock in the request, writes nothing, and gives the same decision for the
 * same request.
 */
public final class DecisionEngine {

    private final Map<String, RulePack> packsBySenderCountry;
    private final RulePack defaultPack;

    /** NL is the only pack so far; it applies to every sender until another pack is registered. */
    public DecisionEngine() {
        this(Map.of(), new NlRulePack());
    }

    public DecisionEngine(Map<String, RulePack> packsBySenderCountry, RulePack defaultPack) {
        this.packsBySenderCountry = Map.copyOf(packsBySenderCountry);
        this.defaultPack = Objects.requireNonNull(defaultPack, "defaultPack");
    }

    public Decision decide(DecisionRequest request) {
        RulePack pack = packsBySenderCountry.getOrDefault(request.sender().country(), defaultPack);
        return Evaluation.evaluate(pack, request);
    }
}
