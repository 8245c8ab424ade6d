package nl.mailwijs.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import nl.mailwijs.cli.Arguments;
import nl.mailwijs.cli.Input;
import nl.mailwijs.cli.UsageException;
import nl.mailwijs.decisionjson.DecisionRequestJson;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Message;
import nl.mailwijs.engine.request.Policy;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.Sender;

/**
 * The command line of {@code mailwijs audit}, checked: every option that is wrong is a
 * {@link UsageException} (exit code 2) that names it and says what it takes.
 *
 * @param files             the exports to read, contacts first, then the evidence in a fixed order
 * @param containsPromotion only SERVICE messages can be without promotion; every other purpose promotes by nature
 * @param recipientCount    null: the number of data rows in the contacts file
 */
record AuditOptions(
        Map<AuditFile, Path> files,
        Channel channel,
        Purpose purpose,
        List<String> topics,
        boolean containsPromotion,
        Instant sendAt,
        Policy policy,
        String legalName,
        String senderCountry,
        Integer recipientCount,
        Path out,
        Language language) {

    static final String DEFAULT_OUT = "audit-report.csv";

    private static final String COMMAND = "audit";
    private static final Set<String> WITH_VALUE = Set.of(
            "--contacts", "--purchases", "--consents", "--objections", "--interactions", "--dir",
            "--channel", "--purpose", "--topics", "--send-at", "--policy", "--legal-name", "--sender-country",
            "--recipient-count", "--out", "--lang");
    private static final Set<String> FLAGS = Set.of("--contains-promotion", "--help");

    static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    static AuditOptions parse(String[] args, Clock clock) {
        Arguments arguments = Arguments.parse(COMMAND, args, WITH_VALUE, FLAGS);
        if (!arguments.positional().isEmpty()) {
            throw new UsageException("audit: unexpected argument '" + arguments.positional().getFirst()
                    + "'; name the files with --contacts FILE or --dir DIR (see 'mailwijs audit --help')");
        }
        String legalName = arguments.value("--legal-name");
        if (legalName == null || legalName.isBlank()) {
            throw new UsageException("audit: --legal-name NAME is required: the sender's legal or registered trade name, "
                    + "which every message must state (Tw 11.7(4)); e.g. --legal-name \"Fotostudio Jansen B.V.\"");
        }
        Purpose purpose = enumOption(arguments, "--purpose", Purpose.class, Purpose.COMMERCIAL);
        boolean containsPromotion = purpose != Purpose.SERVICE || arguments.flag("--contains-promotion");
        return new AuditOptions(
                files(arguments),
                enumOption(arguments, "--channel", Channel.class, Channel.EMAIL),
                purpose,
                topics(arguments.value("--topics", "")),
                containsPromotion,
                sendAt(arguments.value("--send-at"), clock),
                policy(arguments.value("--policy")),
                legalName.strip(),
                country("--sender-country", arguments.value("--sender-country", "NL")),
                recipientCount(arguments.value("--recipient-count")),
                Path.of(arguments.value("--out", DEFAULT_OUT)),
                language(arguments.value("--lang")));
    }

    Path contacts() {
        return files.get(AuditFile.CONTACTS);
    }

    Sender sender() {
        return new Sender(legalName, null, senderCountry, null);
    }

    Message message(Integer recipients) {
        return new Message(purpose, topics, containsPromotion, sendAt, recipients);
    }

    /** Where the rejected rows go: next to the report, named after it. */
    Path rejectedPath() {
        return out.resolveSibling(out.getFileName() + ".rejected.csv");
    }

    /** An explicit option beats the file of the same name in --dir. */
    private static Map<AuditFile, Path> files(Arguments arguments) {
        Map<AuditFile, Path> files = new EnumMap<>(AuditFile.class);
        String dir = arguments.value("--dir");
        if (dir != null) {
            Path directory = Path.of(dir);
            if (!Files.isDirectory(directory)) {
                throw new UsageException("audit: --dir " + dir + " is not a directory");
            }
            for (AuditFile file : AuditFile.values()) {
                Path candidate = directory.resolve(file.fileName());
                if (Files.isRegularFile(candidate)) {
                    files.put(file, candidate);
                }
            }
        }
        for (AuditFile file : AuditFile.values()) {
            String named = arguments.value(file.option());
            if (named != null) {
                files.put(file, Path.of(named));
            }
        }
        if (!files.containsKey(AuditFile.CONTACTS)) {
            throw new UsageException(dir == null
                    ? "audit: no contacts file: give --contacts FILE, or --dir DIR with a contacts.csv in it (see 'mailwijs audit --help')"
                    : "audit: no contacts.csv in " + dir + "; give --contacts FILE");
        }
        return files;
    }

    private static <E extends Enum<E>> E enumOption(Arguments arguments, String option, Class<E> type, E absent) {
        String raw = arguments.value(option);
        if (raw == null) {
            return absent;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UsageException("audit: " + option + " must be one of " + Values.names(type) + ", not '" + raw + "'");
        }
    }

    /** Comma separated on the command line, as people type them; blanks between commas are dropped. */
    private static List<String> topics(String raw) {
        List<String> topics = new ArrayList<>();
        for (String topic : raw.split(",")) {
            if (!topic.isBlank()) {
                topics.add(topic.strip());
            }
        }
        return List.copyOf(topics);
    }

    private static Instant sendAt(String raw, Clock clock) {
        if (raw == null) {
            return clock.instant().truncatedTo(ChronoUnit.SECONDS);
        }
        try {
            return Values.instant("--send-at", raw);
        } catch (BadValueException e) {
            throw new UsageException("audit: --send-at " + e.problem());
        }
    }

    private static Policy policy(String file) {
        if (file == null) {
            return Policy.NL_DEFAULT;
        }
        try (BufferedReader in = Input.open(file, InputStream.nullInputStream())) {
            return DecisionRequestJson.readPolicy(Input.readAll(in, file));
        } catch (InvalidRequestException e) {
            throw new UsageException("audit: --policy " + file + ": " + e.getMessage()
                    + " (a JSON object with similarTopics, softOptInMonths, offerAddressLocalParts; see decision-format.md)");
        } catch (UsageException | IOException e) {
            throw new UsageException("audit: --policy: " + e.getMessage());
        }
    }

    private static String country(String option, String raw) {
        try {
            return DecisionRequestJson.country(option, raw);
        } catch (InvalidRequestException e) {
            throw new UsageException("audit: " + e.getMessage());
        }
    }

    private static Integer recipientCount(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            int count = Integer.parseInt(raw.strip());
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // Falls through to the message below.
        }
        throw new UsageException("audit: --recipient-count must be a whole number of at least 1, not '" + raw + "'");
    }

    private static Language language(String tag) {
        if (tag == null) {
            return Language.DEFAULT;
        }
        return Language.fromTag(tag).orElseThrow(() -> new UsageException("audit: --lang must be nl or en, not '" + tag + "'"));
    }
}
