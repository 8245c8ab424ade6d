package nl.mailwijs.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Moments as the pages show them: in the Netherlands' time zone, where the sender and the
 * recipients live, as ISO dates that read the same in Dutch and English. Templates call it as
 * {@code ${@times.day(x)}}.
 */
@Component("times")
public class Times {

    static final ZoneId SHOWN_IN = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The calendar date, or empty for none. */
    public String day(Instant instant) {
        return instant == null ? "" : instant.atZone(SHOWN_IN).toLocalDate().toString();
    }

    /** Date and time to the minute, or empty for none. */
    public String moment(Instant instant) {
        return instant == null ? "" : MOMENT.format(instant.atZone(SHOWN_IN));
    }
}
