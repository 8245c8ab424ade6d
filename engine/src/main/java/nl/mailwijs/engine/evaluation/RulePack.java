package nl.mailwijs.engine.evaluation;

import java.util.List;
import java.util.Set;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Obligation;
import nl.mailwijs.engine.decision.ReasonTemplate;

/**
 * A jurisdiction's rules. The evaluation order is shared ({@link Evaluation}); a pack
 * supplies its rules in order, which denial wins when no basis holds, and what an allowed
 * message must carry. A new jurisdiction is a new pack: it may reuse rule classes of another
 * pack or bring its own, and never changes another pack's rules.
 */
public interface RulePack {

    /** ISO code of the jurisdiction, e.g. {@code NL}. */
    String jurisdiction();

    /** All rules, in evaluation order within each {@link Stage}. */
    List<Rule> rules();

    /** When no basis holds: the first of these that a failed rule named is reported. */
    List<Denial> denialPrecedence();

    /** Reported when no basis holds and no failed rule named a denial. */
    Denial defaultDenial();

    /** What a message allowed on this basis and these facts must carry. */
    Set<Obligation> obligations(Basis basis, Facts facts);

    /** The sentence for a rule that was not reached because an earlier rule decided. */
    ReasonTemplate notReached(Stage decidedAt);
}
