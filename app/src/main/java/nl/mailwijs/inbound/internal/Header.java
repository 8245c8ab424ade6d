package nl.mailwijs.inbound.internal;

/** One header field, its value unfolded and trimmed. */
public record Header(String name, String value) {
}
