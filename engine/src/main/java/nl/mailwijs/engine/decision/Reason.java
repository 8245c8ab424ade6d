package nl.mailwijs.engine.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One rule's outcome and why. The sentence is kept as template and arguments, so the same
 * decision can be shown in any supported language.
 */
public record Reason(String rule, Outcome outcome, ReasonTemplate template, List<Object> arguments) {

    /**
     * Dates in sentences are the calendar dates the sender and recipient live by: an objection at
     * 00:30 on 1 June in Amsterdam reads as 1 June, not 31 May (UTC). The JSON fields stay UTC.
     */
    private static final ZoneId DATES_SHOWN_IN = ZoneId.of("Europe/Amsterdam");

    public Reason {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(template, "template");
        arguments = List.copyOf(arguments);
    }

    public static Reason of(String rule, Outcome outcome, ReasonTemplate template, Object... arguments) {
        return new Reason(rule, outcome, template, List.of(arguments));
    }

    public String text(Language language) {
        String pattern = template.pattern(language);
        if (arguments.isEmpty()) {
            return pattern;
        }
        StringBuilder text = new StringBuilder(pattern.length() + 32);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{' && i + 2 < pattern.length() && pattern.charAt(i + 2) == '}' && Character.isDigit(pattern.charAt(i + 1))) {
                text.append(render(arguments.get(pattern.charAt(i + 1) - '0'), language));
                i += 2;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static String render(Object argument, Language language) {
        return switch (argument) {
            case Localized localized -> localized.in(language);
            case Instant instant -> instant.atZone(DATES_SHOWN_IN).toLocalDate().toString();
            case LocalDate date -> date.toString();
            case Collection<?> items -> items.stream().map(item -> render(item, language)).collect(Collectors.joining(", "));
            default -> String.valueOf(argument);
        };
    }
}
