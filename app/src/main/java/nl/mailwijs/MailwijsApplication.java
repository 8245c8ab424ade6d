package nl.mailwijs;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

import nl.mailwijs.cli.Arguments;
import nl.mailwijs.cli.ExitCode;
import nl.mailwijs.cli.UsageException;
import nl.mailwijs.contacts.UnknownContactException;
import nl.mailwijs.platform.ApiTokens;
import nl.mailwijs.platform.TokenScope;
import nl.mailwijs.suppression.Erasures;

/**
 * The server: the evidence ledger, the REST API and (later) the web UI. Started only by
 * {@code mailwijs start}, {@code mailwijs token} and {@code mailwijs import}; {@code decide} and {@code audit} never load it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MailwijsApplication {

    static final String START_USAGE = """
            Usage: mailwijs start [--port N] [--data DIR] [--database-url URL]

            Starts the Mailwijs server: the web application at /, the REST API under /api/v1, health under
            /actuator/health.
              --port N            HTTP port (default 8080)
              --data DIR          where the embedded database lives (default ./data)
              --database-url URL  run on PostgreSQL instead, e.g. jdbc:postgresql://127.0.0.1:5432/mailwijs
                                  (or MAILWIJS_DATABASE_URL; user and password with MAILWIJS_DATABASE_USER
                                  and MAILWIJS_DATABASE_PASSWORD)
            Without a relay (mailwijs.delivery.relays) nothing is sent: a built-in mail catcher takes every
            message on smtp://127.0.0.1:2525 (MAILWIJS_DELIVERY_MAIL_CATCHER_PORT chooses the port) and the
            API shows them under /api/v1/mail-catcher/messages.
            The first start creates the admin login and prints its password once
            (MAILWIJS_ADMIN_PASSWORD chooses it). MAILWIJS_LOG_FORMAT=json writes structured
            (ECS) log lines.
            """;

    static final String IMPORT_USAGE = nl.mailwijs.imports.ImportCommand.USAGE;

    static final String TOKEN_USAGE = """
            Usage: mailwijs token create --scope read|write [--name NAME] [--data DIR] [--database-url URL]
                   mailwijs token list [--data DIR] [--database-url URL]
                   mailwijs token revoke NUMBER [--data DIR] [--database-url URL]

            create prints a new API token for scripts and web shops (send it as 'Authorization: Bearer TOKEN');
            only its hash is stored, so it cannot be shown again. list shows every token's number, scope,
            name and state; revoke ends one at once (it stays listed, revoked).
            """;

    static int start(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments = Arguments.parse("start", args, Set.of("--port", "--data", "--database-url"), Set.of("--help"));
        if (arguments.flag("--help")) {
            out.print(START_USAGE);
            return ExitCode.OK;
        }
        Map<String, Object> properties = databaseProperties(arguments);
        String port = arguments.value("--port", System.getenv().getOrDefault("MAILWIJS_PORT", "8080"));
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new UsageException("start: --port must be a number from 0 to 65535, not '" + port + "'");
        }
        properties.put("server.port", port);
        if ("json".equalsIgnoreCase(System.getenv("MAILWIJS_LOG_FORMAT"))) {
            // One JSON object per log line (Elastic Common Schema), for log collectors.
            properties.put("logging.structured.format.console", "ecs");
        }
        application().run(asArguments(properties));
        return ExitCode.KEEP_RUNNING;
    }

    static int token(String[] args, PrintStream out, PrintStream err) {
        String action = args.length == 0 ? "" : args[0];
        String[] rest = java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        return switch (action) {
            case "create" -> createToken(rest, out, err);
            case "list" -> {
                Arguments arguments = Arguments.parse("token list", rest, Set.of("--data", "--database-url"), Set.of());
                yield inDatabase("token list", arguments, err, context -> {
                    for (ApiTokens.Listed token : context.getBean(ApiTokens.class).list()) {
                        out.printf("%d\t%s\t%s\tcreated %s\t%s%n", token.id(), token.scope().name().toLowerCase(java.util.Locale.ROOT),
                                token.name(), token.createdAt(), token.revokedAt() == null ? "active" : "revoked " + token.revokedAt());
                    }
                    return ExitCode.OK;
                });
            }
            case "revoke" -> {
                Arguments arguments = Arguments.parse("token revoke", rest, Set.of("--data", "--database-url"), Set.of());
                if (arguments.positional().size() != 1 || !arguments.positional().getFirst().matches("\\d{1,18}")) {
                    throw new UsageException("token revoke: give the token's number, as 'mailwijs token list' shows it");
                }
                long id = Long.parseLong(arguments.positional().getFirst());
                yield inDatabase("token revoke", arguments, err, context -> {
                    if (!context.getBean(ApiTokens.class).revoke(id)) {
                        err.println("mailwijs token revoke: there is no active token " + id);
                        return ExitCode.BAD_INPUT;
                    }
                    err.println("mailwijs: token " + id + " is revoked; requests with it now get 401");
                    return ExitCode.OK;
                });
            }
            default -> {
                err.print(TOKEN_USAGE);
                yield action.equals("--help") ? ExitCode.OK : ExitCode.BAD_INPUT;
            }
        };
    }

    private static int createToken(String[] rest, PrintStream out, PrintStream err) {
        Arguments arguments = Arguments.parse("token create", rest, Set.of("--scope", "--name", "--data", "--database-url"), Set.of());
        String scopeName = arguments.value("--scope");
        if (scopeName == null) {
            throw new UsageException("token create: --scope read|write is required");
        }
        TokenScope scope = TokenScope.fromName(scopeName)
                .orElseThrow(() -> new UsageException("token create: --scope must be read or write, not '" + scopeName + "'"));
        return inDatabase("token create", arguments, err, context -> {
            String token = context.getBean(ApiTokens.class).create(arguments.value("--name", "created on the command line"), scope);
            out.println(token);
            err.println("mailwijs: a " + scope.name().toLowerCase(java.util.Locale.ROOT) + " token; send it as 'Authorization: Bearer "
                    + token.substring(0, 8) + "...'. It is shown only now.");
            return ExitCode.OK;
        });
    }

    static final String ERASE_USAGE = """
            Usage: mailwijs erase CONTACT_ID [--data DIR | --database-url URL]

            Erases a contact's personal data (GDPR art. 17), as POST /api/v1/contacts/{id}/erasure does: its
            objections are kept per address as keyed hashes on the suppression list (so the address is never
            mailed again within their scope, also when imported anew), the personal content of its ledger
            records is blanked (the hash chain still verifies), and its name, external id, attributes,
            addresses and tags are removed. Prints what was done as one JSON line.
            """;

    static int erase(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments = Arguments.parse("erase", args, Set.of("--data", "--database-url"), Set.of("--help"));
        if (arguments.flag("--help")) {
            out.print(ERASE_USAGE);
            return ExitCode.OK;
        }
        if (arguments.positional().size() != 1 || !arguments.positional().getFirst().matches("[1-9]\\d{0,17}")) {
            throw new UsageException("erase: give one contact id (a positive whole number), as GET /api/v1/contacts shows it");
        }
        long id = Long.parseLong(arguments.positional().getFirst());
        return inDatabase("erase", arguments, err, context -> {
            try {
                Erasures.Erased erased = context.getBean(Erasures.class).erase(id);
                out.printf("{\"contactId\":%d,\"erasedAt\":\"%s\",\"erasureRecordId\":%d,\"erasedRecords\":%d,\"suppressions\":%d}%n",
                        erased.contactId(), erased.erasedAt(), erased.erasureRecordId(), erased.erasedRecords(), erased.suppressions());
                return ExitCode.OK;
            } catch (UnknownContactException e) {
                err.println("mailwijs erase: there is no contact " + id + ", or it was erased before");
                return ExitCode.BAD_INPUT;
            }
        });
    }

    /** Runs a one-shot command against the database without the web server. */
    private static int inDatabase(String command, Arguments arguments, PrintStream err,
                                  java.util.function.ToIntFunction<ConfigurableApplicationContext> work) {
        SpringApplication application = application();
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLogStartupInfo(false);
        Map<String, Object> properties = databaseProperties(arguments);
        // The person wants the answer or one line saying why not, not a log.
        properties.put("logging.level.root", "OFF");
        try (ConfigurableApplicationContext context = application.run(asArguments(properties))) {
            return work.applyAsInt(context);
        } catch (RuntimeException e) {
            err.println("mailwijs " + command + ": " + rootCause(e).getMessage());
            return ExitCode.FAILURE;
        }
    }

    static int dkim(String[] args, PrintStream out, PrintStream err) {
        nl.mailwijs.delivery.DkimCommand command = nl.mailwijs.delivery.DkimCommand.parse(args);
        if (command.help()) {
            out.print(nl.mailwijs.delivery.DkimCommand.USAGE);
            return ExitCode.OK;
        }
        return inDatabase("dkim " + command.action(), command.arguments(), err,
                context -> command.run(context.getBean(nl.mailwijs.delivery.DkimKeyStore.class), out, err));
    }

    static int importFiles(String[] args, PrintStream out, PrintStream err) throws java.io.IOException {
        Set<String> withValue = new java.util.HashSet<>(Set.of("--dir", "--rejected", "--data", "--database-url"));
        withValue.addAll(nl.mailwijs.imports.ImportCommand.FILE_OPTIONS);
        Arguments arguments = Arguments.parse("import", args, withValue, Set.of("--help"));
        if (arguments.flag("--help")) {
            out.print(nl.mailwijs.imports.ImportCommand.USAGE);
            return ExitCode.OK;
        }
        if (!arguments.positional().isEmpty()) {
            throw new UsageException("import: unexpected argument '" + arguments.positional().getFirst() + "' (see 'mailwijs import --help')");
        }
        Map<String, String> fileOptions = new LinkedHashMap<>();
        for (String option : nl.mailwijs.imports.ImportCommand.FILE_OPTIONS) {
            if (arguments.value(option) != null) {
                fileOptions.put(option, arguments.value(option));
            }
        }
        var files = nl.mailwijs.imports.ImportCommand.files(arguments.value("--dir"), fileOptions);
        Path rejected = Path.of(arguments.value("--rejected", "import-rejected.csv"));
        Map<String, Object> properties = databaseProperties(arguments);
        SpringApplication application = application();
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLogStartupInfo(false);
        properties.put("logging.level.root", "OFF");
        try (ConfigurableApplicationContext context = application.run(asArguments(properties))) {
            return nl.mailwijs.imports.ImportCommand.run(context.getBean(nl.mailwijs.imports.Importer.class), files, rejected, out, err);
        } catch (RuntimeException e) {
            err.println("mailwijs import: " + rootCause(e).getMessage());
            if (System.getenv("MAILWIJS_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return ExitCode.FAILURE;
        }
    }

    static int send(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        Arguments arguments = Arguments.parse("send", args, Set.of("--relay", "--workers", "--data", "--database-url"), Set.of("--help"));
        if (arguments.flag("--help")) {
            out.print(nl.mailwijs.campaigns.SendCommand.USAGE);
            return ExitCode.OK;
        }
        if (arguments.positional().size() != 1 || !arguments.positional().getFirst().matches("\\d{1,18}")) {
            throw new UsageException("send: give the campaign's number, e.g. 'mailwijs send 1' (see 'mailwijs send --help')");
        }
        long campaignId = Long.parseLong(arguments.positional().getFirst());
        String workersText = arguments.value("--workers", "4");
        if (!workersText.matches("\\d{1,3}") || Integer.parseInt(workersText) < 1 || Integer.parseInt(workersText) > 64) {
            throw new UsageException("send: --workers must be a number from 1 to 64, not '" + workersText + "'");
        }
        Map<String, Object> properties = databaseProperties(arguments);
        String relay = arguments.value("--relay");
        if (relay != null) {
            int colon = relay.lastIndexOf(':');
            if (colon <= 0 || !relay.substring(colon + 1).matches("\\d{1,5}")) {
                throw new UsageException("send: --relay must be HOST:PORT, e.g. 127.0.0.1:2525, not '" + relay + "'");
            }
            properties.put("mailwijs.delivery.relays[0].host", relay.substring(0, colon));
            properties.put("mailwijs.delivery.relays[0].port", relay.substring(colon + 1));
            properties.put("mailwijs.delivery.relays[0].security", "NONE");
        }
        properties.put("mailwijs.delivery.connections", workersText);
        SpringApplication application = application();
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLogStartupInfo(false);
        properties.put("logging.level.root", "OFF");
        try (ConfigurableApplicationContext context = application.run(asArguments(properties))) {
            var result = nl.mailwijs.campaigns.SendCommand.run(campaignId, Integer.parseInt(workersText),
                    context.getBean(nl.mailwijs.campaigns.Campaigns.class), context.getBean(nl.mailwijs.campaigns.Preflight.class),
                    context.getBean(nl.mailwijs.campaigns.Outbox.class), context.getBean(nl.mailwijs.campaigns.OutboxSender.class), err,
                    System.console() != null);
            var progress = result.progress();
            out.printf(java.util.Locale.ROOT, "campaign %d: %s; %,d messages: %,d sent, %,d deferred, %,d failed, %,d stopped at send time, %,d cancelled%n",
                    campaignId, progress.state(), progress.total(), progress.sent(), progress.deferred(), progress.failed(), progress.stopped(),
                    progress.cancelled());
            return progress.deferred() + progress.failed() + progress.stopped() + progress.queued() + progress.sending() == 0
                    ? ExitCode.OK : ExitCode.ROWS_REJECTED;
        } catch (nl.mailwijs.campaigns.CampaignStateException | nl.mailwijs.campaigns.UnknownCampaignException
                 | nl.mailwijs.decisionjson.InvalidRequestException e) {
            err.println("mailwijs send: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } catch (RuntimeException e) {
            err.println("mailwijs send: " + rootCause(e).getMessage());
            return ExitCode.FAILURE;
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static SpringApplication application() {
        SpringApplication application = new SpringApplication(MailwijsApplication.class);
        application.setMainApplicationClass(MailwijsApplication.class);
        return application;
    }

    /** As command-line properties, which take precedence over application.properties. */
    private static String[] asArguments(Map<String, Object> properties) {
        return properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new);
    }

    /** --data or --database-url (or MAILWIJS_DATABASE_URL) as Spring properties. */
    static Map<String, Object> databaseProperties(Arguments arguments) {
        Map<String, Object> properties = new LinkedHashMap<>();
        String url = arguments.value("--database-url", System.getenv("MAILWIJS_DATABASE_URL"));
        String data = arguments.value("--data");
        if (url != null && data != null) {
            throw new UsageException("give --data (embedded database) or --database-url (PostgreSQL), not both");
        }
        if (url != null) {
            if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
                throw new UsageException("--database-url must be a jdbc:postgresql:// (or jdbc:h2:) URL, not '" + url + "'");
            }
            properties.put("spring.datasource.url", url);
            properties.put("spring.datasource.username", System.getenv().getOrDefault("MAILWIJS_DATABASE_USER",
                    url.startsWith("jdbc:postgresql:") ? System.getProperty("user.name") : "mailwijs"));
            properties.put("spring.datasource.password", System.getenv().getOrDefault("MAILWIJS_DATABASE_PASSWORD", ""));
            // PostgreSQL's own choice between a custom and a generic plan (plan_cache_mode auto): forcing
            // custom plans made it plan every execution again, more CPU than the sending path's statements
            // took to run. A table that grows fast gets ANALYZE from its writer (the import, the outbox's
            // queuing), which also drops the plans made while it was small.
        } else {
            properties.put("mailwijs.data-dir", Path.of(data == null ? "data" : data).toAbsolutePath().normalize().toString());
        }
        return properties;
    }
}
