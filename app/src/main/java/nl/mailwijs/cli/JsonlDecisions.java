package nl.mailwijs.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import nl.mailwijs.decisionjson.DecisionJson;
import nl.mailwijs.decisionjson.DecisionRequestJson;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.DecisionEngine;
import nl.mailwijs.engine.decision.Language;

/**
 * Decides a stream of JSON lines on every core while writing the answers in input order.
 * Lines go to workers in batches; at most a few batches are in flight, so memory stays flat
 * however long the input is. When the input has nothing more waiting (someone typing, or a
 * slow producer) everything decided so far is written and flushed at once.
 */
final class JsonlDecisions {

    private static final int BATCH_LINES = 256;

    private final DecisionEngine engine;
    private final Language language;
    private final boolean failFast;
    private final int workers;

    JsonlDecisions(DecisionEngine engine, Language language, boolean failFast) {
        this.engine = engine;
        this.language = language;
        this.failFast = failFast;
        this.workers = Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** What one batch produced: the bytes of its output lines, its error messages, whether it stopped early. */
    private record Answers(byte[] output, List<String> errors, boolean stopped, boolean failed) {
    }

    int run(ByteLines in, OutputStream out, PrintStream err) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "decide-worker");
            thread.setDaemon(true);
            return thread;
        });
        Deque<Future<Answers>> inFlight = new ArrayDeque<>();
        Outcome outcome = new Outcome();
        try {
            List<byte[]> batch = new ArrayList<>(BATCH_LINES);
            long firstLine = 1;
            long lineNumber = 0;
            for (byte[] line = in.next(); line != null; line = in.next()) {
                lineNumber++;
                batch.add(line);
                boolean nothingWaiting = !in.ready();
                if (batch.size() == BATCH_LINES || nothingWaiting) {
                    List<byte[]> lines = batch;
                    long first = firstLine;
                    inFlight.add(pool.submit(() -> decide(lines, first)));
                    batch = new ArrayList<>(BATCH_LINES);
                    firstLine = lineNumber + 1;
                    while (inFlight.size() > (nothingWaiting ? 0 : 2 * workers) && !outcome.stopped) {
                        write(inFlight.removeFirst(), out, err, outcome);
                    }
                    if (nothingWaiting) {
                        out.flush();
                    }
                    if (outcome.stopped) {
                        return outcome.exit;
                    }
                }
            }
            if (!batch.isEmpty()) {
                List<byte[]> lines = batch;
                long first = firstLine;
                inFlight.add(pool.submit(() -> decide(lines, first)));
            }
            while (!inFlight.isEmpty() && !outcome.stopped) {
                write(inFlight.removeFirst(), out, err, outcome);
            }
            return outcome.exit;
        } finally {
            pool.shutdownNow();
        }
    }

    private static final class Outcome {
        int exit = ExitCode.OK;
        boolean stopped;
    }

    private Answers decide(List<byte[]> lines, long firstLine) {
        StringBuilder output = new StringBuilder(lines.size() * 2048);
        List<String> errors = new ArrayList<>(0);
        boolean failed = false;
        for (int i = 0; i < lines.size(); i++) {
            byte[] line = lines.get(i);
            if (line != ByteLines.TOO_LONG && ByteLines.isBlank(line)) {
                continue;
            }
            long lineNumber = firstLine + i;
            try {
                if (line == ByteLines.TOO_LONG) {
                    throw new InvalidRequestException("", "the line is longer than " + (ByteLines.MAX_LINE_BYTES >> 20)
                            + " MiB; a decision request is a few KiB");
                }
                DecisionJson.write(engine.decide(DecisionRequestJson.read(line)), language, false, output);
                output.append('\n');
            } catch (RuntimeException e) {
                // A bug of ours on one line must not cost the other lines their answers.
                boolean bug = !(e instanceof InvalidRequestException);
                failed |= bug;
                InvalidRequestException invalid = bug ? new InvalidRequestException("", "internal error: " + e) : (InvalidRequestException) e;
                errors.add("mailwijs decide: line " + lineNumber + ": " + invalid.getMessage());
                if (failFast) {
                    return new Answers(output.toString().getBytes(StandardCharsets.UTF_8), errors, true, failed);
                }
                output.append(DecisionJson.writeError(invalid, lineNumber)).append('\n');
            }
        }
        return new Answers(output.toString().getBytes(StandardCharsets.UTF_8), errors, false, failed);
    }

    private static void write(Future<Answers> pending, OutputStream out, PrintStream err, Outcome outcome) throws IOException {
        Answers answers;
        try {
            answers = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while deciding", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        out.write(answers.output());
        for (String error : answers.errors()) {
            err.println(error);
        }
        if (answers.failed()) {
            outcome.exit = ExitCode.FAILURE;
        } else if (!answers.errors().isEmpty() && outcome.exit == ExitCode.OK) {
            outcome.exit = ExitCode.BAD_INPUT;
        }
        outcome.stopped = answers.stopped();
    }
}
