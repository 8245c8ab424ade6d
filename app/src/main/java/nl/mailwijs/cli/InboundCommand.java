package nl.mailwijs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

import nl.mailwijs.inbound.InboundParser;
import nl.mailwijs.inbound.InboundReportJson;

/**
 * {@code mailwijs inbound parse FILE…}: one raw message per file in, one JSON report per line
 * out, in the order given. A file that cannot be read is named on standard error and skipped;
 * the others are still reported, and the exit code is 2 at the end.
 */
public final class InboundCommand {

    static final String USAGE = """
            Usage: mailwijs inbound parse FILE|- ...

            Reads bounces and complaints: one raw RFC 5322 message per file (e.g. the files of a Maildir;
            an mbox file is read as one message) and prints one JSON object per file, one per line:
              {"file":…,"kind":"DSN"|"ARF"|"BOUNCE_OTHER"|"NOT_A_REPORT",
               "recipients":[{"address":…,"permanent":true|false,"status":"5.1.1"|null,"diagnostic":…}],
               "feedbackType":…,"token":…,"autoReply":true|false,"problems":[…]}
            token is the message's token from the envelope sender bounce+TOKEN@domain; problems names what
            was malformed in the message. Only the first 32 MiB of a file are read.
            Exit codes: 0 all files read; 2 a bad command line or a file that cannot be read (named on stderr).
            """;

    private static final Set<String> FLAGS = Set.of("--help");

    private final InboundParser parser;

    public InboundCommand(InboundParser parser) {
        this.parser = parser;
    }

    public int run(String[] args, InputStream stdin, OutputStream out, PrintStream err) throws IOException {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            if (args.length == 0) {
                throw new UsageException("inbound: give a sub-command: parse FILE… (see 'mailwijs inbound --help')");
            }
            out.write(USAGE.getBytes(StandardCharsets.UTF_8));
            return ExitCode.OK;
        }
        if (!args[0].equals("parse")) {
            throw new UsageException("inbound: unknown sub-command '" + args[0] + "'; the one there is: parse FILE… (see 'mailwijs inbound --help')");
        }
        Arguments arguments = Arguments.parse("inbound parse", java.util.Arrays.copyOfRange(args, 1, args.length), Set.of(), FLAGS);
        if (arguments.flag("--help")) {
            out.write(USAGE.getBytes(StandardCharsets.UTF_8));
            return ExitCode.OK;
        }
        if (arguments.positional().isEmpty()) {
            throw new UsageException("inbound parse: give one or more message files, or - for standard input (see 'mailwijs inbound --help')");
        }
        int exit = ExitCode.OK;
        for (String file : arguments.positional()) {
            byte[] message;
            try {
                message = read(file, stdin);
            } catch (UsageException e) {
                err.println("mailwijs inbound parse: " + e.getMessage());
                exit = ExitCode.BAD_INPUT;
                continue;
            }
            out.write((InboundReportJson.write(file, parser.parse(message)) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return exit;
    }

    /** At most one byte more than the parser reads, so it can say the message was cut short. */
    private static byte[] read(String file, InputStream stdin) {
        try {
            if (file.equals("-")) {
                return stdin.readNBytes(InboundParser.MAX_BYTES + 1);
            }
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                throw new UsageException("cannot read " + file + ": a directory (give its files, e.g. " + file + "/*)");
            }
            try (InputStream in = Files.newInputStream(path)) {
                return in.readNBytes(InboundParser.MAX_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UsageException("cannot read " + file + ": permission denied");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
