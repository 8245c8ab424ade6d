package nl.mailwijs.delivery;

import java.util.List;
import java.util.Optional;

import nl.mailwijs.decisionjson.ProblemCode;

/**
 * The built-in mail catcher: an SMTP server on 127.0.0.1 that keeps what it receives in memory
 * (the newest messages up to a limit) instead of delivering it, so nothing real is sent until a
 * relay is configured. {@code bin/mailwijs start} runs it when {@code mailwijs.delivery.relays} is
 * empty, and delivery goes there.
 */
public interface MailCatcher {

    /** One caught message as listed. */
    record Summary(long id, String from, String to, String subject, String date, int size) {
    }

    /** One caught message in full: every header in order, the text and HTML parts, and the raw bytes as text. */
    record Details(Summary summary, String envelopeFrom, String recipient, List<Header> headers, String text, String html, String raw) {
    }

    record Header(String name, String value) {
    }

    record Page(List<Summary> messages, int page, int size, long total) {
    }

    /** Whether it listens; false when a relay is configured or its port was taken. */
    boolean running();

    /** The SMTP port it listens on, or -1. */
    int port();

    /** Why it does not run, for the start-up report; empty while it runs. */
    Optional<String> problem();

    /** The same for the pages: what went wrong and on which port; empty while it runs. */
    Optional<StartFailure> failure();

    /** Why the catcher did not start, on which port. */
    record StartFailure(Failure code, int port) {
    }

    /** What keeps the catcher from starting, for the pages (see {@link ProblemCode}); each takes the port as its argument. */
    enum Failure implements ProblemCode {
        /** Another program listens on the port. */
        PORT_TAKEN,
        /** The SMTP server did not start for another reason (the log says which). */
        NOT_STARTED;

        @Override
        public String key() {
            return "problem.catcher." + name();
        }
    }

    /** Newest first. */
    Page list(int page, int size);

    Optional<Details> get(long id);

    /** Forgets every caught message; answers how many there were. */
    int clear();
}
