package nl.mailwijs.delivery.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import nl.mailwijs.delivery.SmtpRelay;

/**
 * {@code mailwijs.delivery.*}: the relays (none: the mail catcher takes every message), the pool,
 * timeouts and rate limits, the catcher's port and size, and an optional DKIM key file.
 */
@ConfigurationProperties("mailwijs.delivery")
public record DeliveryProperties(List<SmtpRelay> relays,
                                 @DefaultValue("4") int connections,
                                 @DefaultValue("10s") Duration connectTimeout,
                                 @DefaultValue("60s") Duration readTimeout,
                                 @DefaultValue("60s") Duration writeTimeout,
                                 @DefaultValue("0") double messagesPerSecond,
                                 @DefaultValue("0") double messagesPerSecondPerDomain,
                                 String heloName,
                                 @DefaultValue MailCatcherProperties mailCatcher,
                                 @DefaultValue Dkim dkim) {

    public DeliveryProperties {
        relays = relays == null ? List.of() : List.copyOf(relays);
    }

    /** @param port 0 picks a free one (tests); maxMessages bounds the memory it uses */
    public record MailCatcherProperties(@DefaultValue("2525") int port, @DefaultValue("10000") int maxMessages) {
    }

    /**
     * An optional PKCS#8 PEM key file (RSA or Ed25519) for {@code d=domain}, {@code s=selector}: signs
     * the messages whose From domain has no active stored key. {@code refresh}: how often a
     * sending process looks whether another process changed the stored keys.
     */
    public record Dkim(String domain, String selector, String keyFile, @DefaultValue("5s") Duration refresh) {
    }
}
