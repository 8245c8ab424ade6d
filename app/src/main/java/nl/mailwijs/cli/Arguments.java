package nl.mailwijs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GNU-style options ({@code --name value}, {@code --name=value}, {@code --flag}) and
 * positional arguments, checked against what a sub-command accepts.
 */
public final class Arguments {

    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Arguments() {
    }

    /**
     * @param withValue options that take a value
     * @param flags     options that do not
     */
    public static Arguments parse(String command, String[] args, Set<String> withValue, Set<String> flags) {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-") || !arg.startsWith("-")) {
                parsed.positional.add(arg);
                continue;
            }
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException(command + ": " + name + " takes no value");
                }
                parsed.options.put(name, "true");
            } else if (withValue.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException(command + ": " + name + " needs a value");
                    }
                    value = args[++i];
                }
                if (parsed.options.containsKey(name)) {
                    throw new UsageException(command + ": " + name + " is given twice");
                }
                parsed.options.put(name, value);
            } else {
                throw new UsageException(command + ": unknown option " + name + " (see 'mailwijs " + command + " --help')");
            }
        }
        return parsed;
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public String value(String name) {
        return options.get(name);
    }

    public String value(String name, String absent) {
        return options.getOrDefault(name, absent);
    }

    public List<String> positional() {
        return positional;
    }
}
