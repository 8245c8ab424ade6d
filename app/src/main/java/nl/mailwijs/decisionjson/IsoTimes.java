package nl.mailwijs.decisionjson;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The times of the decision format: ISO-8601 dates ({@code 2026-11-23}, 00:00 UTC) and times
 * with a zone. The two common shapes are read by hand, as the general parser dominated the
 * cost of reading a request; every other shape goes through {@link OffsetDateTime#parse}.
 */
public final class IsoTimes {

    private IsoTimes() {
    }

    /**
     * The instant, or a {@link DateTimeException} for text that is not such a time. Years run
     * from 0001 to 9999: evidence is about people, and larger years only overflow later arithmetic.
     */
    public static Instant parse(String text) {
        int length = text.length();
        if (length == 10 && isDate(text)) {
            return date(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (length == 20 && isDate(text) && text.charAt(10) == 'T' && text.charAt(19) == 'Z'
                && text.charAt(13) == ':' && text.charAt(16) == ':') {
            int hour = number(text, 11);
            int minute = number(text, 14);
            int second = number(text, 17);
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
                throw new DateTimeException("time out of range: " + text);
            }
            return Instant.ofEpochSecond(date(text).toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second);
        }
        if (length == 10) {
            throw new DateTimeException("not a date: " + text);
        }
        // The general parser accepts the rest of ISO-8601: seconds optional, fractions, offsets.
        OffsetDateTime time = OffsetDateTime.parse(text.endsWith("z") ? text.substring(0, length - 1) + 'Z' : text);
        if (time.getYear() < 1 || time.getYear() > 9999) {
            throw new DateTimeException("year out of range: " + text);
        }
        return time.toInstant();
    }

    /** What to tell a person about text that {@link #parse} refused. */
    public static String problem(String text) {
        boolean lacksZone = text.length() > 10 && text.length() < 40 && text.charAt(10) == 'T'
                && !text.matches(".*([zZ]|[+-]\\d\\d:?\\d\\d)$");
        return "'" + text + "' is not an ISO-8601 "
                + (lacksZone ? "time with a zone: add Z for UTC or an offset such as +01:00" : "date or time")
                + " (e.g. 2026-11-23T10:00:00Z or 2026-11-23)";
    }

    private static boolean isDate(String text) {
        return text.charAt(4) == '-' && text.charAt(7) == '-';
    }

    /** Validates day-of-month against the month (2026-02-30 is refused). */
    private static LocalDate date(String text) {
        int century = number(text, 0);
        int yearOfCentury = number(text, 2);
        int month = number(text, 5);
        int day = number(text, 8);
        if (century < 0 || yearOfCentury < 0 || month < 0 || day < 0 || century * 100 + yearOfCentury == 0) {
            throw new DateTimeException("not a date: " + text);
        }
        return LocalDate.of(century * 100 + yearOfCentury, month, day);
    }

    /** Two digits at the position as a number, or -1. */
    private static int number(String text, int at) {
        char tens = text.charAt(at);
        char units = text.charAt(at + 1);
        if (tens < '0' || tens > '9' || units < '0' || units > '9') {
            return -1;
        }
        return (tens - '0') * 10 + (units - '0');
    }
}
