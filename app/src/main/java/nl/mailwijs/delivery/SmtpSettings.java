package nl.mailwijs.delivery;

import java.time.Duration;
import java.util.List;

/**
 * How {@link SmtpSender} sends.
 *
 * @param relays                     connection {@code i} starts on relay {@code i mod n}; one that cannot
 *                                   connect moves on to the next relay at once; empty means every send is DEFERRED
 * @param connections                SMTP connections kept open at once (each used by one sender at a time)
 * @param connectTimeout             to open a connection and read the greeting
 * @param readTimeout                for every reply, so a stalling server holds up only its own connection
 * @param writeTimeout               for every write
 * @param messagesPerSecond          over all connections; 0 for no limit
 * @param messagesPerSecondPerDomain per recipient domain (large providers throttle senders); 0 for no limit
 * @param heloName                   the name in EHLO, or {@code null} for this machine's name
 */
public record SmtpSettings(List<SmtpRelay> relays, int connections, Duration connectTimeout, Duration readTimeout,
                           Duration writeTimeout, double messagesPerSecond, double messagesPerSecondPerDomain, String heloName) {

    public SmtpSettings {
        relays = List.copyOf(relays);
        if (connections < 1) {
            throw new DeliveryException("connections must be at least 1, not " + connections);
        }
        if (messagesPerSecond < 0 || messagesPerSecondPerDomain < 0) {
            throw new DeliveryException("rate limits are messages per second, 0 or more");
        }
    }

    /** Defaults: 4 connections, 10 s to connect, 60 s per reply or write, no rate limits. */
    public static SmtpSettings of(List<SmtpRelay> relays) {
        return new SmtpSettings(relays, 4, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60), 0, 0, null);
    }

    public SmtpSettings withConnections(int count) {
        return new SmtpSettings(relays, count, connectTimeout, readTimeout, writeTimeout, messagesPerSecond, messagesPerSecondPerDomain, heloName);
    }

    public SmtpSettings withTimeouts(Duration connect, Duration read, Duration write) {
        return new SmtpSettings(relays, connections, connect, read, write, messagesPerSecond, messagesPerSecondPerDomain, heloName);
    }

    public SmtpSettings withRates(double perSecond, double perDomainPerSecond) {
        return new SmtpSettings(relays, connections, connectTimeout, readTimeout, writeTimeout, perSecond, perDomainPerSecond, heloName);
    }
}
