package nl.mailwijs.delivery.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.mailwijs.delivery.DeliveryException;
import nl.mailwijs.delivery.DkimKey;
import nl.mailwijs.delivery.DkimKeyStore;
import nl.mailwijs.delivery.DkimKeyring;
import nl.mailwijs.delivery.MessageBuilder;
import nl.mailwijs.delivery.SmtpRelay;
import nl.mailwijs.delivery.SmtpSender;
import nl.mailwijs.delivery.SmtpSettings;
import nl.mailwijs.platform.StartupReportLine;

/**
 * The delivery beans. Without a configured relay the server runs the mail catcher and the sender
 * delivers there; the one-shot commands (token, import) start no web server and so no catcher.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    @Bean
    MessageBuilder messageBuilder(Clock clock) {
        return new MessageBuilder(clock);
    }

    @Bean(destroyMethod = "stop")
    @ConditionalOnWebApplication
    GreenMailCatcher mailCatcher(DeliveryProperties properties) {
        GreenMailCatcher catcher = new GreenMailCatcher(properties.mailCatcher().maxMessages());
        if (properties.relays().isEmpty()) {
            catcher.start(properties.mailCatcher().port());
        }
        return catcher;
    }

    @Bean(destroyMethod = "close")
    SmtpSender smtpSender(DeliveryProperties properties, ObjectProvider<GreenMailCatcher> catcher) {
        List<SmtpRelay> relays = properties.relays();
        if (relays.isEmpty()) {
            GreenMailCatcher running = catcher.getIfAvailable();
            relays = running != null && running.running() ? List.of(SmtpRelay.plain("127.0.0.1", running.port())) : List.of();
        }
        return new SmtpSender(new SmtpSettings(relays, properties.connections(), properties.connectTimeout(), properties.readTimeout(),
                properties.writeTimeout(), properties.messagesPerSecond(), properties.messagesPerSecondPerDomain(), properties.heloName()));
    }

    /**
     * The stored keys, and for the From domains without any the key file of
     * mailwijs.delivery.dkim.key-file (with .domain and .selector), if set.
     */
    @Bean
    DkimKeyring dkimKeyring(DkimKeyStore store, Clock clock, DeliveryProperties properties) {
        return new DkimKeyring(store, clock, properties.dkim().refresh(), fileKeys(properties.dkim()));
    }

    /** Which domains are signed, so that a newcomer sees at start that mail goes out unsigned until a key is made. */
    @Bean
    @ConditionalOnWebApplication
    StartupReportLine dkimLine(DkimKeyring keyring, DeliveryProperties properties) {
        return new StartupReportLine() {
            @Override
            public String label() {
                return "dkim:";
            }

            @Override
            public String text(int httpPort) {
                List<String> signed = new java.util.ArrayList<>();
                keyring.activeKeys().forEach((domain, keys) -> signed.add(domain + " (" + String.join(" + ",
                        keys.stream().map(key -> key.ed25519() ? "ed25519" : "rsa").toList()) + ")"));
                String file = properties.dkim().keyFile() == null || properties.dkim().keyFile().isBlank() ? ""
                        : "; other domains with the key file for " + properties.dkim().domain();
                if (signed.isEmpty() && file.isEmpty()) {
                    return "no key: messages go out unsigned; make one with 'mailwijs dkim generate' or POST " + DkimKeyController.PATH;
                }
                return (signed.isEmpty() ? "no stored key" : "signing " + String.join(", ", signed)) + file;
            }
        };
    }

    private static List<DkimKey> fileKeys(DeliveryProperties.Dkim dkim) {
        if (dkim.keyFile() == null || dkim.keyFile().isBlank()) {
            return List.of();
        }
        try {
            return List.of(DkimKey.fromPem(dkim.domain(), dkim.selector(), Files.readString(Path.of(dkim.keyFile()))));
        } catch (IOException e) {
            throw new DeliveryException("mailwijs.delivery.dkim.key-file: cannot read " + dkim.keyFile() + ": " + e.getMessage(), e);
        }
    }

    @Bean
    @ConditionalOnWebApplication
    StartupReportLine mailCatcherLine(DeliveryProperties properties, GreenMailCatcher catcher) {
        return new StartupReportLine() {
            @Override
            public String label() {
                return "mail:";
            }

            @Override
            public String text(int httpPort) {
                if (!properties.relays().isEmpty()) {
                    return "via " + properties.relays().getFirst() + (properties.relays().size() > 1 ? " and " + (properties.relays().size() - 1) + " more" : "");
                }
                if (catcher.running()) {
                    return "nothing leaves this machine: the mail catcher takes it on smtp://127.0.0.1:" + catcher.port()
                            + "; read it at http://localhost:" + httpPort + MailCatcherController.PATH;
                }
                return "NOT RUNNING: the mail catcher " + catcher.problem().orElse("did not start")
                        + "; until then every message is deferred";
            }
        };
    }

}
