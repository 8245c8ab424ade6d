package nl.mailwijs.platform;

/**
 * A line another module adds to what {@code bin/mailwijs start} prints once the server is ready,
 * e.g. where the mail catcher listens. Declare it as a bean; lines appear in bean order.
 */
public interface StartupReportLine {

    /** Short, e.g. {@code mail:}; aligned with the report's other labels. */
    String label();

    /** The rest of the line; asked for once the server is ready, so it may report what happened at start. */
    String text(int httpPort);
}
