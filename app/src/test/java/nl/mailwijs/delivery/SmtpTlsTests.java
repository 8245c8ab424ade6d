package nl.mailwijs.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * STARTTLS, implicit TLS and AUTH of the sender's own SMTP client, against {@link FaultySmtpServer}
 * with a certificate for 127.0.0.1 made by the JDK's keytool for this run; the client trusts only
 * that certificate and checks that it names the relay.
 */
class SmtpTlsTests {

    static SSLContext server;
    static SSLSocketFactory trusting;

    private final MessageBuilder builder = new MessageBuilder(Clock.systemUTC());

    @BeforeAll
    static void certificate() throws Exception {
        Path dir = Files.createTempDirectory("smtp-tls");
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        server = SSLContext.getInstance("TLS");
        server.init(keyManagers.getKeyManagers(), null, null);

        Certificate certificate = keys.getCertificate("smtp");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("smtp", certificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trustManagers.getTrustManagers(), null);
        trusting = client.getSocketFactory();
        Files.delete(store);
        Files.delete(dir);
    }

    private BuiltMessage message() {
        return builder.build(MessageBuilderTests.message());
    }

    private static SmtpSettings settings(SmtpRelay relay) {
        return SmtpSettings.of(List.of(relay)).withConnections(1).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void starttlsThenAuthPlainThenPipelinedSending() throws Exception {
        try (FaultySmtpServer relay = new FaultySmtpServer(true, server, false, "mailwijs", "geheim wachtwoord");
             SmtpSender sender = new SmtpSender(settings(new SmtpRelay("127.0.0.1", relay.port(), SmtpRelay.Security.STARTTLS,
                     "mailwijs", "geheim wachtwoord")), trusting)) {
            SendResult first = sender.send(message());
            SendResult second = sender.send(message());

            assertThat(first.status()).as(first.toString()).isEqualTo(SendStatus.SENT);
            assertThat(second.status()).as(second.toString()).isEqualTo(SendStatus.SENT);
            assertThat(relay.tlsSessions.get()).isEqualTo(1);
            assertThat(relay.authenticated).containsExactly("mailwijs");
            assertThat(relay.pipelinedMails.get()).as("PIPELINING as offered after STARTTLS").isEqualTo(2);
        }
    }

    @Test
    void implicitTlsFromTheFirstByte() throws Exception {
        try (FaultySmtpServer relay = new FaultySmtpServer(false, server, true, null, null);
             SmtpSender sender = new SmtpSender(settings(new SmtpRelay("127.0.0.1", relay.port(), SmtpRelay.Security.IMPLICIT_TLS,
                     null, null)), trusting)) {
            SendResult sent = sender.send(message());

            assertThat(sent.status()).as(sent.toString()).isEqualTo(SendStatus.SENT);
            assertThat(relay.tlsSessions.get()).isEqualTo(1);
        }
    }

    @Test
    void aRelayWithoutStarttlsIsRefusedWhenItIsRequired() throws Exception {
        try (FaultySmtpServer relay = new FaultySmtpServer(true);
             SmtpSender sender = new SmtpSender(settings(new SmtpRelay("127.0.0.1", relay.port(), SmtpRelay.Security.STARTTLS,
                     null, null)), trusting)) {
            SendResult result = sender.send(message());

            assertThat(result.status()).isEqualTo(SendStatus.DEFERRED);
            assertThat(result.replyText()).contains("does not offer STARTTLS");
            assertThat(relay.accepted).isEmpty();
        }
    }

    @Test
    void aCertificateTheJdkDoesNotTrustIsRefused() throws Exception {
        try (FaultySmtpServer relay = new FaultySmtpServer(true, server, false, null, null);
             SmtpSender sender = new SmtpSender(settings(new SmtpRelay("127.0.0.1", relay.port(), SmtpRelay.Security.STARTTLS,
                     null, null)))) {
            SendResult result = sender.send(message());

            assertThat(result.status()).isEqualTo(SendStatus.DEFERRED);
            assertThat(result.replyText()).contains("SSLHandshakeException");
            assertThat(relay.accepted).isEmpty();
        }
    }

    @Test
    void aWrongPasswordIsDeferredWithTheRelaysAnswer() throws Exception {
        try (FaultySmtpServer relay = new FaultySmtpServer(true, server, false, "mailwijs", "geheim");
             SmtpSender sender = new SmtpSender(settings(new SmtpRelay("127.0.0.1", relay.port(), SmtpRelay.Security.STARTTLS,
                     "mailwijs", "fout")), trusting)) {
            SendResult result = sender.send(message());

            assertThat(result.status()).isEqualTo(SendStatus.DEFERRED);
            assertThat(result.replyText()).contains("AUTH PLAIN answered 535");
            assertThat(relay.accepted).isEmpty();
        }
    }
}
