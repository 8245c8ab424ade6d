package nl.mailwijs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import nl.mailwijs.decisionjson.DecisionJson;
import nl.mailwijs.decisionjson.DecisionRequestJson;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.DecisionEngine;
import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Language;

/**
 * {@code mailwijs decide FILE|-}: one request in, one decision out. With {@code --jsonl}, one
 * request per line in and one decision per line out, in order, streaming: memory does not
 * grow with the input. A bad line becomes an error object on its output line and exit code
 * 2 at the end, unless {@code --fail-fast} stops at it.
 */
public final class DecideCommand {

    static final String USAGE = """
            Usage: mailwijs decide [--jsonl [--fail-fast]] [--lang nl|en] [--pretty] FILE|-

            Decides whether a message may be sent, per decision-format.md, and prints the decision as JSON.
              FILE|-       a request file, or - for standard input
              --jsonl      one request per line in, one decision per line out, in the same order
              --fail-fast  with --jsonl: stop at the first bad line (default: report it and go on)
              --lang L     language of the reasons: nl (default) or en
              --pretty     indent the decision (not with --jsonl)
            Exit codes: 0 decided; 2 a bad request or command line (the message names the field and line).
            """;

    private static final Set<String> WITH_VALUE = Set.of("--lang");
    private static final Set<String> FLAGS = Set.of("--jsonl", "--fail-fast", "--pretty", "--help");

    private final DecisionEngine engine;

    public DecideCommand(DecisionEngine engine) {
        this.engine = engine;
    }

    public int run(String[] args, InputStream stdin, OutputStream out, PrintStream err) throws IOException {
        Arguments arguments = Arguments.parse("decide", args, WITH_VALUE, FLAGS);
        if (arguments.flag("--help")) {
            out.write(USAGE.getBytes(StandardCharsets.UTF_8));
            return ExitCode.OK;
        }
        Language language = language(arguments.value("--lang"));
        boolean jsonl = arguments.flag("--jsonl");
        if (arguments.flag("--pretty") && jsonl) {
            throw new UsageException("decide: --pretty cannot be used with --jsonl (one decision per line)");
        }
        if (arguments.flag("--fail-fast") && !jsonl) {
            throw new UsageException("decide: --fail-fast only applies with --jsonl");
        }
        if (arguments.positional().size() != 1) {
            throw new UsageException("decide: give one request file, or - for standard input (see 'mailwijs decide --help')");
        }
        String source = arguments.positional().getFirst();
        if (jsonl) {
            try (InputStream in = Input.openBytes(source, stdin)) {
                return new JsonlDecisions(engine, language, arguments.flag("--fail-fast")).run(new ByteLines(in), out, err);
            }
        }
        try (InputStream in = Input.openBytes(source, stdin)) {
            return decideOne(in.readAllBytes(), language, arguments.flag("--pretty"), out, err);
        }
    }

    static Language language(String tag) {
        if (tag == null) {
            return Language.DEFAULT;
        }
        return Language.fromTag(tag).orElseThrow(() -> new UsageException("--lang must be nl or en, not '" + tag + "'"));
    }

    private int decideOne(byte[] json, Language language, boolean pretty, OutputStream out, PrintStream err) throws IOException {
        try {
            Decision decision = engine.decide(DecisionRequestJson.read(json));
            out.write((DecisionJson.write(decision, language, pretty) + "\n").getBytes(StandardCharsets.UTF_8));
            return ExitCode.OK;
        } catch (InvalidRequestException e) {
            err.println("mailwijs decide: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
    }

}
