package nl.mailwijs.delivery;

import java.util.Objects;

/**
 * An address with an optional display name, as the person typed them: the domain may be an IDN
 * ({@code jan@bäckerei.de}); {@link MessageBuilder} puts its A-label on the wire.
 *
 * @param address     {@code local@domain}; the local part must be ASCII (see {@link MessageBuilder})
 * @param displayName shown by the mail client, any Unicode, or {@code null}
 */
public record Mailbox(String address, String displayName) {

    public Mailbox {
        Objects.requireNonNull(address, "address");
    }

    public static Mailbox of(String address) {
        return new Mailbox(address, null);
    }
}
