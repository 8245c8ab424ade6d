package nl.mailwijs.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import nl.mailwijs.bench.Scenarios.Scenario;
import nl.mailwijs.decisionjson.DecisionJson;
import nl.mailwijs.decisionjson.DecisionRequestJson;
import nl.mailwijs.engine.DecisionEngine;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.DecisionRequest;

/**
 * Decisions per second on one thread, over a fixed shuffled mix of the 17 example scenarios.
 * Run with {@code bench/engine-jmh.sh} ({@code -t 1}: the score is per core).
 *
 * <ul>
 * <li>{@link #decide}: the engine alone; requests are parsed once in {@link #setUp}.</li>
 * <li>{@link #parseDecideWrite}: the full cost of one {@code decide --jsonl} line: read the
 * compact request JSON, decide, write the compact decision JSON (Dutch reasons), exactly as
 * {@code DecideCommand} does it, minus the I/O.</li>
 * <li>{@link #parseOnly} and {@link #writeOnly}: the two halves of the JSON cost, to see where
 * the per-line time goes.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {

    /** Each scenario appears this often in the mix; the order is shuffled with a fixed seed. */
    private static final int COPIES = 64;
    private static final long SEED = 20261123L;

    private DecisionEngine engine;
    private String[] lines;
    private DecisionRequest[] requests;
    private Decision[] decisions;
    private final StringBuilder out = new StringBuilder(4096);
    private int next;

    @Setup
    public void setUp() {
        engine = new DecisionEngine();
        List<Scenario> scenarios = Scenarios.load();
        for (Scenario scenario : scenarios) {
            Decision decision = engine.decide(DecisionRequestJson.read(scenario.requestJson()));
            if (!scenario.matches(decision)) {
                throw new IllegalStateException(scenario.name() + ": expected " + scenario.expect() + " but the engine says "
                        + decision.verdict() + " " + (decision.allowed() ? decision.basis() : decision.denial()));
            }
        }
        List<Scenario> mix = new ArrayList<>(scenarios.size() * COPIES);
        for (int i = 0; i < COPIES; i++) {
            mix.addAll(scenarios);
        }
        Collections.shuffle(mix, new Random(SEED));
        int n = mix.size();
        lines = new String[n];
        requests = new DecisionRequest[n];
        decisions = new Decision[n];
        for (int i = 0; i < n; i++) {
            lines[i] = mix.get(i).requestJson();
            requests[i] = DecisionRequestJson.read(lines[i]);
            decisions[i] = engine.decide(requests[i]);
        }
        next = 0;
    }

    private int index() {
        int i = next;
        next = i + 1 == lines.length ? 0 : i + 1;
        return i;
    }

    /** The engine alone: one decision from a pre-parsed request. */
    @Benchmark
    public Decision decide() {
        return engine.decide(requests[index()]);
    }

    /** The full per-line cost of {@code decide --jsonl}: parse, decide, write JSON. */
    @Benchmark
    public StringBuilder parseDecideWrite() {
        out.setLength(0);
        DecisionJson.write(engine.decide(DecisionRequestJson.read(lines[index()])), Language.DEFAULT, false, out);
        return out;
    }

    /** Reading one compact request line into a {@link DecisionRequest}. */
    @Benchmark
    public DecisionRequest parseOnly() {
        return DecisionRequestJson.read(lines[index()]);
    }

    /** Writing one decision (computed in setup) as compact JSON with Dutch reasons. */
    @Benchmark
    public StringBuilder writeOnly() {
        out.setLength(0);
        DecisionJson.write(decisions[index()], Language.DEFAULT, false, out);
        return out;
    }
}
