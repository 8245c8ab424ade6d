package nl.mailwijs.engine.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Outcome;
import nl.mailwijs.engine.decision.ReasonTemplate;

/**
 * What one rule found. Besides its outcome and sentence, a finding may grant a basis (with
 * the evidence that carries it and when it lapses) or name the denial it stands for.
 */
public record Finding(
        Outcome outcome,
        ReasonTemplate template,
        List<Object> arguments,
        Basis grants,
        List<String> evidence,
        Instant validUntil,
        Denial denial) {

    public Finding {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(template, "template");
        arguments = List.copyOf(arguments);
        evidence = List.copyOf(evidence);
    }

    public static Finding passed(ReasonTemplate template, Object... arguments) {
        return new Finding(Outcome.PASSED, template, List.of(arguments), null, List.of(), null, null);
    }

    public static Finding failed(ReasonTemplate template, Object... arguments) {
        return new Finding(Outcome.FAILED, template, List.of(arguments), null, List.of(), null, null);
    }

    public static Finding notApplicable(ReasonTemplate template, Object... arguments) {
        return new Finding(Outcome.NOT_APPLICABLE, template, List.of(arguments), null, List.of(), null, null);
    }

    /** A PASSED finding that allows the message on this basis. */
    public static Finding grants(Basis basis, List<String> evidence, Instant validUntil, ReasonTemplate template, Object... arguments) {
        return new Finding(Outcome.PASSED, template, List.of(arguments), basis, evidence, validUntil, null);
    }

    /** A FAILED finding that, if nothing allows the message, names this denial. */
    public static Finding denies(Denial denial, ReasonTemplate template, Object... arguments) {
        return new Finding(Outcome.FAILED, template, List.of(arguments), null, List.of(), null, denial);
    }
}
