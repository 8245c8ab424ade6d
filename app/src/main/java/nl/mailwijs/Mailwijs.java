package nl.mailwijs;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import nl.mailwijs.audit.AuditCommand;
import nl.mailwijs.cli.DecideCommand;
import nl.mailwijs.cli.ExitCode;
import nl.mailwijs.cli.InboundCommand;
import nl.mailwijs.cli.UsageException;
import nl.mailwijs.engine.DecisionEngine;
import nl.mailwijs.inbound.InboundParser;

/**
 * The single entry point behind {@code bin/mailwijs}. {@code decide} and {@code audit} run
 * without any framework, so the first answer comes well under a second after JVM start.
 */
public final class Mailwijs {

    static final String USAGE = """
            Mailwijs: only send what the law allows, and prove it.

            Usage: mailwijs COMMAND [OPTIONS]
              decide FILE|-   decide one request (or --jsonl: one per line); see 'mailwijs decide --help'
              audit           audit a customer file (CSV exports); see 'mailwijs audit --help'
              start           start the server (REST API; see 'mailwijs start --help')
              token create    create an API token; see 'mailwijs token --help'
              import          import CSV exports into contacts and the ledger; see 'mailwijs import --help'
              send CAMPAIGN   send a campaign from this process, with progress; see 'mailwijs send --help'
              inbound parse   read bounces and complaints, one message per file; see 'mailwijs inbound --help'
              dkim generate   make a DKIM key and print its DNS record; also list, activate; see 'mailwijs dkim --help'
              erase CONTACT   erase a contact's personal data (GDPR), keeping its objections; see 'mailwijs erase --help'
              help            this text
            """;

    private Mailwijs() {
    }

    public static void main(String[] args) {
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        int exit = run(args, out, err);
        try {
            out.flush();
        } catch (IOException e) {
            // A closed pipe (e.g. `| head`) is not an error of ours.
        }
        if (exit == ExitCode.KEEP_RUNNING) {
            // The server's threads keep the JVM alive until it is stopped (Ctrl-C or SIGTERM: graceful shutdown).
            return;
        }
        System.exit(exit);
    }

    static int run(String[] args, OutputStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return ExitCode.BAD_INPUT;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "decide" -> new DecideCommand(new DecisionEngine()).run(rest, System.in, out, err);
                case "audit" -> {
                    Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    int exit = new AuditCommand(new DecisionEngine()).run(rest, text, err);
                    text.flush();
                    yield exit;
                }
                case "start" -> MailwijsApplication.start(rest, new PrintStream(out, true, StandardCharsets.UTF_8), err);
                case "inbound" -> new InboundCommand(new InboundParser()).run(rest, System.in, out, err);
                case "token" -> MailwijsApplication.token(rest, new PrintStream(out, true, StandardCharsets.UTF_8), err);
                case "import" -> MailwijsApplication.importFiles(rest, new PrintStream(out, true, StandardCharsets.UTF_8), err);
                case "send" -> MailwijsApplication.send(rest, new PrintStream(out, true, StandardCharsets.UTF_8), err);
                case "dkim" -> MailwijsApplication.dkim(rest, new PrintStream(out, true, StandardCharsets.UTF_8), err);
                case "erase" -> MailwijsApplication.erase(rest, new PrintStream(out, true, StandardCharsets.UTF_8), err);
                case "help", "--help", "-h" -> {
                    out.write(USAGE.getBytes(StandardCharsets.UTF_8));
                    yield ExitCode.OK;
                }
                default -> {
                    err.println("mailwijs: unknown command '" + args[0] + "'");
                    err.print(USAGE);
                    yield ExitCode.BAD_INPUT;
                }
            };
        } catch (UsageException e) {
            err.println("mailwijs: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("mailwijs: interrupted");
            return ExitCode.FAILURE;
        } catch (IOException | UncheckedIOException e) {
            if (String.valueOf(e.getMessage()).contains("Broken pipe")) {
                // Whoever read our output stopped reading (e.g. `| head`): nothing went wrong here.
                return ExitCode.OK;
            }
            err.println("mailwijs: " + e.getMessage());
            return ExitCode.FAILURE;
        } catch (RuntimeException e) {
            // Never a stack trace for a person; MAILWIJS_DEBUG=1 shows it to a developer.
            err.println("mailwijs: internal error: " + e + " (run with MAILWIJS_DEBUG=1 for details)");
            if (System.getenv("MAILWIJS_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return ExitCode.FAILURE;
        }
    }
}
