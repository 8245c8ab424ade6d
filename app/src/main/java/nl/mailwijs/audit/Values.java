package nl.mailwijs.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import nl.mailwijs.decisionjson.InputProblem;
import nl.mailwijs.decisionjson.IsoTimes;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.RecipientKind;

/**
 * The values of export fields, read leniently where an export tool may differ (case,
 * {@code ja}/{@code nee}, Dutch dates) and strictly where a guess could change a decision
 * (a time without a zone, an unknown enum value): those reject the row, naming the column.
 */
public final class Values {

    /** Marks an empty date field in the epoch-millisecond form the evidence store keeps. */
    public static final long NO_TIME = Long.MIN_VALUE;

    static final String LIST_SEPARATOR = "|";

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final String DATE_FORMS = "use 2026-11-23, 23-11-2026 or 2026-11-23T10:00:00Z";

    /** Each enum's constants by exact name, made once per enum type and shared by all threads. */
    private static final ClassValue<Map<String, Enum<?>>> CONSTANTS_BY_NAME = new ClassValue<>() {
        @Override
        protected Map<String, Enum<?>> computeValue(Class<?> type) {
            Map<String, Enum<?>> constants = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                constants.put(((Enum<?>) constant).name(), (Enum<?>) constant);
            }
            return Map.copyOf(constants);
        }
    };

    private Values() {
    }

    /** true/false, yes/no, ja/nee, y/n, j/n, 1/0 in any case; empty is false. */
    public static boolean bool(String column, String raw) {
        // The forms exports write most, without making a lower-case copy of every field.
        switch (raw) {
            case "", "false", "nee", "no", "0" -> {
                return false;
            }
            case "true", "ja", "yes", "1" -> {
                return true;
            }
            default -> {
            }
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "false", "no", "nee", "n", "0" -> false;
            case "true", "yes", "ja", "y", "j", "1" -> true;
            default -> throw new BadValueException(column, InputProblem.NOT_YES_OR_NO, "'" + raw
                    + "' is not yes or no (use true/false, ja/nee, yes/no or 1/0)", raw);
        };
    }

    /**
     * A date or time as epoch milliseconds, {@link #NO_TIME} when empty. A date means 00:00 UTC
     * (as in decision-format.md); {@code dd-mm-yyyy} is read as Dutch exports write it. A time
     * needs a zone: a wrong guess of an hour could move a consent past the send time.
     */
    public static long epochMillis(String column, String raw) {
        String text = raw.strip();
        if (text.isEmpty()) {
            return NO_TIME;
        }
        try {
            long dutch = dutchDate(text);
            if (dutch != NO_TIME) {
                return dutch;
            }
            return IsoTimes.parse(isoForm(text)).toEpochMilli();
        } catch (DateTimeException | NumberFormatException e) {
            boolean lacksZone = text.length() > 10 && (text.charAt(10) == 'T' || text.charAt(10) == ' ')
                    && !text.matches(".*([zZ]|[+-]\\d\\d:?\\d\\d)$");
            throw new BadValueException(column, lacksZone ? InputProblem.TIME_WITHOUT_ZONE : InputProblem.NOT_A_DATE, "'" + raw + "' is not a "
                    + (lacksZone ? "time with a zone: add Z for UTC or an offset such as +01:00" : "valid date or time")
                    + " (" + DATE_FORMS + ")", raw);
        }
    }

    /** An ISO-8601 date or time for the command line, where the same forms as in the files apply. */
    static Instant instant(String column, String raw) {
        long millis = epochMillis(column, raw);
        if (millis == NO_TIME) {
            throw new BadValueException(column, InputProblem.REQUIRED, "is empty (" + DATE_FORMS + ")");
        }
        // A time given on the command line keeps its sub-millisecond part; the files need no such precision.
        String text = raw.strip();
        return text.length() > 10 ? IsoTimes.parse(isoForm(text)) : Instant.ofEpochMilli(millis);
    }

    /** Spreadsheets write {@code 2026-11-23 10:00:00Z} and a lower-case {@code z}; ISO wants T and Z. */
    private static String isoForm(String text) {
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        return iso.endsWith("z") ? iso.substring(0, iso.length() - 1) + 'Z' : iso;
    }

    /** {@code d-m-yyyy} or {@code dd-mm-yyyy}, or {@link #NO_TIME} when the text has another form. */
    private static long dutchDate(String text) {
        int firstDash = text.indexOf('-');
        int secondDash = text.indexOf('-', firstDash + 1);
        if (firstDash < 1 || firstDash > 2 || secondDash - firstDash < 2 || secondDash - firstDash > 3
                || text.length() - secondDash != 5) {
            return NO_TIME;
        }
        int day = digits(text, 0, firstDash);
        int month = digits(text, firstDash + 1, secondDash);
        int year = digits(text, secondDash + 1, text.length());
        return LocalDate.of(year, month, day).toEpochDay() * MILLIS_PER_DAY;
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** An enum constant by name in any case, with {@code -} or space for {@code _}; null when empty. */
    public static <E extends Enum<E>> E optionalEnum(String column, String raw, Class<E> type) {
        E exact = type.cast(CONSTANTS_BY_NAME.get(type).get(raw));
        if (exact != null) {
            // Most exports write the constant as it is: no copies made for those.
            return exact;
        }
        String name = Header.normalise(raw).toUpperCase(Locale.ROOT);
        if (name.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new BadValueException(column, InputProblem.NOT_ONE_OF, "'" + raw.strip() + "' is not one of " + names(type), raw.strip(),
                    names(type));
        }
    }

    public static <E extends Enum<E>> E requiredEnum(String column, String raw, Class<E> type) {
        E value = optionalEnum(column, raw, type);
        if (value == null) {
            throw new BadValueException(column, InputProblem.EMPTY_NOT_ONE_OF, "is empty; use one of " + names(type), names(type));
        }
        return value;
    }

    public static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** NATURAL_PERSON or LEGAL_ENTITY, also in the words exports use; empty is a consumer (the cautious reading). */
    public static RecipientKind kind(String column, String raw) {
        if (raw.isEmpty()) {
            return RecipientKind.NATURAL_PERSON;
        }
        String value = Header.normalise(raw);
        return switch (value) {
            case "", "natural_person", "person", "persoon", "consumer", "consument", "particulier", "private" ->
                    RecipientKind.NATURAL_PERSON;
            case "legal_entity", "business", "bedrijf", "company", "zakelijk", "organisation", "organization", "organisatie" ->
                    RecipientKind.LEGAL_ENTITY;
            default -> throw new BadValueException(column, InputProblem.NOT_A_CONTACT_KIND, "'" + raw.strip()
                    + "' is not a kind of contact (use NATURAL_PERSON or person for a consumer, LEGAL_ENTITY or business for a business)",
                    raw.strip());
        };
    }

    /** The entries of a {@code |}-separated list, stripped, empty entries dropped. */
    public static List<String> list(String raw) {
        if (raw.isBlank()) {
            return List.of();
        }
        List<String> items = new ArrayList<>(4);
        int start = 0;
        while (start <= raw.length()) {
            int end = raw.indexOf('|', start);
            if (end < 0) {
                end = raw.length();
            }
            String item = raw.substring(start, end).strip();
            if (!item.isEmpty()) {
                items.add(item);
            }
            start = end + 1;
        }
        return items;
    }

    /**
     * A consent names its channels. Empty is rejected rather than read as "none": a consent
     * that covers no channel is almost always an export that left the column blank, and
     * reading it as "no consent" would deny quietly what the sender may be able to prove.
     */
    public static Set<Channel> consentChannels(String raw) {
        List<String> names = list(raw);
        if (names.isEmpty()) {
            throw new BadValueException("channels", InputProblem.NO_CHANNELS, "is empty; name the channels the consent covers: "
                    + names(Channel.class) + " (several separated by |)", names(Channel.class));
        }
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (String name : names) {
            channels.add(requiredEnum("channels", name, Channel.class));
        }
        return channels;
    }

    /** The channels an objection names; {@code all} for empty or {@code ALL}, which object to every channel (NL-AVG-21). */
    public record ObjectionChannels(boolean all, Set<Channel> channels) {
    }

    public static ObjectionChannels objectionChannels(String raw) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        List<String> names = list(raw);
        boolean all = names.isEmpty();
        for (String name : names) {
            if (name.equalsIgnoreCase("ALL")) {
                all = true;
                continue;
            }
            try {
                channels.add(requiredEnum("channels", name, Channel.class));
            } catch (BadValueException e) {
                throw new BadValueException("channels", InputProblem.NOT_ALL_OR_A_CHANNEL, "'" + name + "' is not ALL or one of "
                        + names(Channel.class), name, names(Channel.class));
            }
        }
        return new ObjectionChannels(all, all ? Set.of() : channels);
    }
}
