package nl.mailwijs.delivery;

import java.util.Objects;

/**
 * An SMTP relay (smarthost) Mailwijs hands messages to.
 *
 * @param host     name or address
 * @param port     25 or 587 (STARTTLS), 465 (implicit TLS), 2525 for the mail catcher
 * @param security how the connection is protected; with STARTTLS, a server that does not offer it is refused;
 *                 when not given: NONE for a relay on this machine, STARTTLS for any other
 * @param username AUTH user, or {@code null} for no AUTH
 * @param password AUTH password, or {@code null}
 */
public record SmtpRelay(String host, int port, Security security, String username, String password) {

    public enum Security {
        /** Plain text: only for a relay on this machine or the mail catcher. */
        NONE,
        /** Plain connection upgraded with STARTTLS, which is required. */
        STARTTLS,
        /** TLS from the first byte (SMTPS, port 465). */
        IMPLICIT_TLS
    }

    public SmtpRelay {
        Objects.requireNonNull(host, "host");
        if (security == null) {
            security = isLoopback(host) ? Security.NONE : Security.STARTTLS;
        }
        if (port < 1 || port > 65535) {
            throw new DeliveryException("relay port must be 1 to 65535, not " + port);
        }
    }

    private static boolean isLoopback(String host) {
        return host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    public static SmtpRelay plain(String host, int port) {
        return new SmtpRelay(host, port, Security.NONE, null, null);
    }

    @Override
    public String toString() {
        // Never the password: relays end up in logs and send results.
        return host + ":" + port + " (" + security + (username == null ? "" : ", user " + username) + ")";
    }
}
