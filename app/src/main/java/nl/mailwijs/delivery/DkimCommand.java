package nl.mailwijs.delivery;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import nl.mailwijs.cli.Arguments;
import nl.mailwijs.cli.ExitCode;
import nl.mailwijs.cli.UsageException;
import nl.mailwijs.decisionjson.InvalidRequestException;

/**
 * {@code bin/mailwijs dkim}: the sender's DKIM keys from the command line, as the API has them
 * under {@code /api/v1/settings/dkim-keys}. The command line is checked completely (domain,
 * selector, algorithm, the key file) before any database is opened.
 */
public final class DkimCommand {

    public static final String USAGE = """
            Usage: mailwijs dkim generate --domain DOMAIN --selector SELECTOR [--algorithm rsa|ed25519] [--activate]
                   mailwijs dkim import --domain DOMAIN --selector SELECTOR --key-file FILE [--activate]
                   mailwijs dkim list
                   mailwijs dkim show NUMBER
                   mailwijs dkim activate NUMBER
                   mailwijs dkim deactivate NUMBER
                   mailwijs dkim delete NUMBER
              each with [--data DIR | --database-url URL]

            The sender's DKIM keys (also under /api/v1/settings/dkim-keys). generate makes a key pair, RSA of
            2048 bits (the default) or Ed25519, and prints the DNS TXT record to publish; import stores a key
            made elsewhere (unencrypted PKCS#8 PEM, as 'openssl genpkey' writes it) and prints its record. The
            private key is stored encrypted and never shown. show prints a key's record again.
            A new key signs nothing until it is activated: publish its record, then 'activate NUMBER' (or give
            --activate to use it at once). Activating a key replaces the active key of the same domain and
            algorithm, so rotating is one step. Messages are signed with the active keys of their From domain
            (or of its nearest parent domain that has keys): RSA, and Ed25519 as well when one is active.
            A running server notices a change within 5 seconds (mailwijs.delivery.dkim.refresh).
            Exit codes: 0 done, 2 bad command line, a taken selector or an unknown key number, 1 another failure.
            """;

    private static final Set<String> DATABASE = Set.of("--data", "--database-url");
    private static final Map<String, String> OPTION_OF_FIELD = Map.of("domain", "--domain", "selector", "--selector",
            "algorithm", "--algorithm", "privateKeyPem", "--key-file");

    private final String action;
    private final Arguments arguments;
    private final DkimKey uploaded;
    private final String uploadedPem;
    private final Long number;

    private DkimCommand(String action, Arguments arguments, DkimKey uploaded, String uploadedPem, Long number) {
        this.action = action;
        this.arguments = arguments;
        this.uploaded = uploaded;
        this.uploadedPem = uploadedPem;
        this.number = number;
    }

    /**
     * The command line after {@code dkim}, checked.
     *
     * @throws UsageException naming the option that is wrong
     */
    public static DkimCommand parse(String[] args) {
        String action = args.length == 0 ? "" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        String command = "dkim " + action;
        if (Arrays.asList(args).contains("--help")) {
            return new DkimCommand("help", null, null, null, null);
        }
        return switch (action) {
            case "-h", "help" -> new DkimCommand("help", null, null, null, null);
            case "generate" -> {
                Arguments arguments = parse(command, rest, Set.of("--domain", "--selector", "--algorithm"), Set.of("--activate"));
                noPositional(command, arguments);
                checked(command, () -> {
                    DkimKeyStore.domain(required(command, arguments, "--domain"));
                    DkimKeyStore.selector(required(command, arguments, "--selector"));
                    return DkimKeyStore.algorithm(arguments.value("--algorithm"));
                });
                yield new DkimCommand(action, arguments, null, null, null);
            }
            case "import" -> {
                Arguments arguments = parse(command, rest, Set.of("--domain", "--selector", "--key-file"), Set.of("--activate"));
                noPositional(command, arguments);
                String pem = readKeyFile(command, required(command, arguments, "--key-file"));
                DkimKey key = checked(command, () -> DkimKeyStore.uploadedKey(required(command, arguments, "--domain"),
                        required(command, arguments, "--selector"), null, pem));
                yield new DkimCommand(action, arguments, key, pem, null);
            }
            case "list" -> {
                Arguments arguments = parse(command, rest, Set.of(), Set.of());
                noPositional(command, arguments);
                yield new DkimCommand(action, arguments, null, null, null);
            }
            case "show", "activate", "deactivate", "delete" -> {
                Arguments arguments = parse(command, rest, Set.of(), Set.of());
                if (arguments.positional().size() != 1 || !arguments.positional().getFirst().matches("\\d{1,18}")) {
                    throw new UsageException(command + ": give the key's number, as 'mailwijs dkim list' shows it");
                }
                yield new DkimCommand(action, arguments, null, null, Long.parseLong(arguments.positional().getFirst()));
            }
            default -> throw action.isEmpty() || action.startsWith("-")
                    ? new UsageException("dkim: give an action first: generate, import, list, show, activate, deactivate or delete"
                            + " (see 'mailwijs dkim --help')")
                    : new UsageException("dkim: unknown action '" + action + "'; the actions are generate, import, list, show,"
                            + " activate, deactivate and delete (see 'mailwijs dkim --help')");
        };
    }

    /** Only {@code --help}: print {@link #USAGE}, touch no database. */
    public boolean help() {
        return action.equals("help");
    }

    public String action() {
        return action;
    }

    /** The command line, for its --data or --database-url. */
    public Arguments arguments() {
        return arguments;
    }

    /** Does it, on the database of {@link #arguments()}; prints what to publish or what there is. */
    public int run(DkimKeyStore store, PrintStream out, PrintStream err) {
        String command = "mailwijs dkim " + action;
        try {
            switch (action) {
                case "generate" -> {
                    StoredDkimKey key = store.generate(arguments.value("--domain"), arguments.value("--selector"), arguments.value("--algorithm"),
                            arguments.flag("--activate"), "command line");
                    printRecord(key, out);
                    err.println(stored(key));
                }
                case "import" -> {
                    StoredDkimKey key = store.upload(uploaded.domain(), uploaded.selector(), null, uploadedPem,
                            arguments.flag("--activate"), "command line");
                    printRecord(key, out);
                    err.println(stored(key));
                }
                case "list" -> {
                    for (StoredDkimKey key : store.list()) {
                        out.printf(Locale.ROOT, "%d\t%s\t%s\t%s\t%s\tcreated %s by %s%n", key.id(), key.domain(), key.selector(),
                                key.algorithm().equals("rsa") ? "rsa-" + key.keyBits() : key.algorithm(), key.active() ? "active" : "inactive",
                                key.createdAt(), key.createdBy());
                    }
                }
                case "show" -> printRecord(known(command, store.find(number), err), out);
                case "activate" -> {
                    Optional<DkimKeyStore.Activated> activated = store.activate(number);
                    StoredDkimKey key = known(command, activated.map(DkimKeyStore.Activated::key), err);
                    err.println("mailwijs: DKIM key " + key.id() + " (" + key.dnsRecord().name() + ") signs the messages from " + key.domain()
                            + " now");
                    for (StoredDkimKey replaced : activated.orElseThrow().deactivated()) {
                        err.println("mailwijs: DKIM key " + replaced.id() + " (" + replaced.dnsRecord().name() + ") no longer signs;"
                                + " keep its DNS record a few days, for messages still on their way");
                    }
                }
                case "deactivate" -> {
                    StoredDkimKey key = known(command, store.deactivate(number), err);
                    err.println("mailwijs: DKIM key " + key.id() + " (" + key.dnsRecord().name() + ") no longer signs");
                }
                case "delete" -> {
                    if (!store.delete(number)) {
                        known(command, Optional.empty(), err);
                    }
                    err.println("mailwijs: DKIM key " + number + " is deleted");
                }
                default -> throw new IllegalStateException("parse() lets no other action through: " + action);
            }
            return ExitCode.OK;
        } catch (UnknownKey e) {
            return ExitCode.BAD_INPUT;
        } catch (DkimKeyConflictException e) {
            err.println(command + ": " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } catch (InvalidRequestException e) {
            err.println(command + ": " + OPTION_OF_FIELD.getOrDefault(e.field(), e.field()) + ": " + e.problem());
            return ExitCode.BAD_INPUT;
        }
    }

    private static final class UnknownKey extends RuntimeException {
        UnknownKey() {
            super(null, null, false, false);
        }
    }

    private StoredDkimKey known(String command, Optional<StoredDkimKey> key, PrintStream err) {
        if (key.isEmpty()) {
            err.println(command + ": there is no DKIM key " + number + "; 'mailwijs dkim list' shows them");
            throw new UnknownKey();
        }
        return key.get();
    }

    private static void printRecord(StoredDkimKey key, PrintStream out) {
        out.println("name:  " + key.dnsRecord().name());
        out.println("type:  " + key.dnsRecord().type());
        out.println("value: " + key.dnsRecord().value());
        out.println("zone:  " + key.dnsRecord().zoneFile());
    }

    private static String stored(StoredDkimKey key) {
        String what = "mailwijs: DKIM key " + key.id() + " stored (" + (key.algorithm().equals("rsa") ? "rsa, " + key.keyBits() + " bits"
                : key.algorithm()) + ") for " + key.domain() + "; ";
        return key.active() ? what + "it signs now: publish the record above at once"
                : what + "publish the record above at " + key.dnsRecord().name() + ", then: mailwijs dkim activate " + key.id();
    }

    private static Arguments parse(String command, String[] args, Set<String> withValue, Set<String> flags) {
        Set<String> values = new HashSet<>(withValue);
        values.addAll(DATABASE);
        return Arguments.parse(command, args, values, flags);
    }

    private static void noPositional(String command, Arguments arguments) {
        if (!arguments.positional().isEmpty()) {
            throw new UsageException(command + ": unexpected argument '" + arguments.positional().getFirst() + "' (see 'mailwijs dkim --help')");
        }
    }

    private static String required(String command, Arguments arguments, String option) {
        String value = arguments.value(option);
        if (value == null) {
            throw new UsageException(command + ": " + option + " is required (see 'mailwijs dkim --help')");
        }
        return value;
    }

    private static String readKeyFile(String command, String file) {
        Path path = Path.of(file);
        try {
            if (!Files.isRegularFile(path)) {
                throw new UsageException(command + ": --key-file " + file + " is not a file");
            }
            if (Files.size(path) > DkimKeyStore.MAX_PEM_CHARS) {
                throw new UsageException(command + ": --key-file " + file + " is larger than a DKIM key's PEM (" + DkimKeyStore.MAX_PEM_CHARS
                        + " bytes at most)");
            }
            // Any bytes read: what is not a PEM is said so by the key check, not by a decoder.
            return Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UsageException(command + ": --key-file " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static <T> T checked(String command, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidRequestException e) {
            throw new UsageException(command + ": " + OPTION_OF_FIELD.getOrDefault(e.field(), e.field()) + ": " + e.problem());
        }
    }
}
