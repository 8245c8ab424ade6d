package nl.mailwijs.notifications.internal;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

import nl.mailwijs.notifications.Notice;
import nl.mailwijs.notifications.Notification;

/**
 * The words of a notification e-mail, from {@code texts_nl.properties} (the default) or
 * {@code texts_en.properties}: subject and text for one objection or for a digest.
 */
public final class NotificationTexts {

    static final String BUNDLE = "nl.mailwijs.notifications.internal.texts";

    private final ResourceBundle bundle;
    private final Locale locale;
    private final ZoneId zone;

    public NotificationTexts(String language, ZoneId zone) {
        this.locale = "en".equalsIgnoreCase(language) ? Locale.ENGLISH : Locale.forLanguageTag("nl");
        // No fallback to the JVM's locale: Dutch unless English was asked for.
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.zone = zone;
    }

    public String subject(List<Notice> notices, Instant now) {
        if (notices.size() == 1) {
            return format("subject.event", who(notices.getFirst()));
        }
        return format("subject.digest", notices.size(), time("day", now));
    }

    public String text(List<Notice> notices) {
        StringBuilder text = new StringBuilder(512);
        text.append(bundle.getString(notices.size() == 1 ? "intro.event" : "intro.digest")).append("\n\n");
        for (Notice notice : notices) {
            text.append("- ").append(line(notice)).append('\n');
        }
        text.append('\n').append(bundle.getString("advice")).append("\n\n-- \n").append(bundle.getString("footer")).append('\n');
        return text.toString();
    }

    String line(Notice notice) {
        Notification n = notice.notification();
        String route = n.via() == null ? bundle.getString("route.unknown") : bundle.getString("route." + n.via().name());
        String channels = n.allChannels() ? bundle.getString("channels.all")
                : n.channels().stream().sorted().map(channel -> bundle.getString("channel." + channel.name())).collect(Collectors.joining(", "));
        String topics = n.topics().isEmpty() ? bundle.getString("topics.all") : format("topics.some", String.join(", ", n.topics()));
        return format("line", who(notice), route, time("date", n.objectedAt()), channels, topics);
    }

    String who(Notice notice) {
        Notification n = notice.notification();
        if (n.contactId() == null) {
            return format("who.address", n.address());
        }
        if (notice.erased()) {
            return format("who.erased", String.valueOf(n.contactId()));
        }
        String name = notice.name() == null || notice.name().isBlank() ? bundle.getString("who.nameless") : notice.name();
        return notice.addresses().isEmpty() ? format("who.noAddress", name, String.valueOf(n.contactId()))
                : format("who.contact", name, String.join(", ", notice.addresses()), String.valueOf(n.contactId()));
    }

    private String time(String pattern, Instant instant) {
        return DateTimeFormatter.ofPattern(bundle.getString(pattern), locale).withZone(zone).format(instant);
    }

    private String format(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }
}
