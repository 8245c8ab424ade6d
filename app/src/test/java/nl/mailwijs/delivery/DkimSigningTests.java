package nl.mailwijs.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signs with our code, sends through a real SMTP server (GreenMail on 127.0.0.1), and has an
 * independent implementation (dkimpy) verify the bytes the server received.
 */
class DkimSigningTests {

    static final DkimKeys.Generated RSA = DkimKeys.rsa("fotostudio-jansen.nl", "mw2026");
    static final DkimKeys.Generated ED25519 = DkimKeys.ed25519("fotostudio-jansen.nl", "mw2026ed");

    static GreenMail greenMail;
    static SmtpSender sender;

    private final MessageBuilder builder = new MessageBuilder(Clock.systemUTC());

    @BeforeAll
    static void startServer() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        sender = new SmtpSender(SmtpSettings.of(List.of(SmtpRelay.plain("127.0.0.1", greenMail.getSmtp().getPort()))).withConnections(1));
    }

    @AfterAll
    static void stopServer() {
        sender.close();
        greenMail.stop();
    }

    @BeforeEach
    void empty() throws Exception {
        ExternalTools.requirePythonDkim();
        greenMail.purgeEmailFromAllMailboxes();
    }

    @Test
    void anRsaSignedMessageVerifiesAfterPassingThroughAnSmtpServer() throws Exception {
        byte[] received = sendAndReceive(new DkimSigning(List.of(RSA.key())), MessageBuilderTests.message());

        Verification verification = verify(received, RSA);
        assertThat(verification.exitCode()).as(verification.output()).isZero();
        assertThat(verification.output()).contains("0 pass rsa-sha256 fotostudio-jansen.nl");
        String signedHeaders = verification.output().toLowerCase(java.util.Locale.ROOT);
        for (String header : DkimSigning.SIGNED_HEADERS) {
            assertThat(signedHeaders).contains(header.toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void rsaAndEd25519SignaturesBothVerify() throws Exception {
        byte[] received = sendAndReceive(new DkimSigning(List.of(ED25519.key(), RSA.key())), nonAsciiMessage());

        Verification verification = verify(received, RSA, ED25519);
        assertThat(verification.exitCode()).as(verification.output()).isZero();
        assertThat(verification.output()).contains("pass rsa-sha256", "pass ed25519-sha256");
    }

    @Test
    void alteringTheSubjectOrTheBodyBreaksTheSignature() throws Exception {
        byte[] received = sendAndReceive(new DkimSigning(List.of(RSA.key())), MessageBuilderTests.message());
        String text = new String(received, StandardCharsets.US_ASCII);

        String otherSubject = text.replace("Subject: Uw foto's, nu ook als afdruk", "Subject: Uw foto's, nu gratis");
        assertThat(otherSubject).isNotEqualTo(text);
        Verification subject = verify(otherSubject.getBytes(StandardCharsets.US_ASCII), RSA);
        assertThat(subject.exitCode()).as(subject.output()).isEqualTo(1);
        assertThat(subject.output()).contains("fail");

        String otherBody = text.replace("Beste Jeroen,", "Beste Piet,");
        assertThat(otherBody).isNotEqualTo(text);
        assertThat(verify(otherBody.getBytes(StandardCharsets.US_ASCII), RSA).exitCode()).isEqualTo(1);
    }

    @Test
    void aPkcs8PemFromTheGeneratorReadsBackAndSigns() throws Exception {
        DkimKey fromPem = DkimKey.fromPem("fotostudio-jansen.nl", "mw2026", RSA.privatePem());
        DkimKey edFromPem = DkimKey.fromPem("fotostudio-jansen.nl", "mw2026ed", ED25519.privatePem());
        assertThat(edFromPem.ed25519()).isTrue();

        byte[] received = sendAndReceive(new DkimSigning(List.of(edFromPem, fromPem)), MessageBuilderTests.message());

        Verification verification = verify(received, RSA, ED25519);
        assertThat(verification.exitCode()).as(verification.output()).isZero();
    }

    @Test
    void blanksAtLineEndsRunsOfBlanksEmptyLinesAtTheEndAndATextOnlyBodyVerify() throws Exception {
        OutgoingMessage m = MessageBuilderTests.message();
        String text = "  Beste\tJeroen,   \n\nregel  met \t  blanks \t\n.punt\n\n\n  \n\t\n";
        DkimSigning signing = new DkimSigning(List.of(ED25519.key(), RSA.key()));
        for (String html : new String[] {"<p>  a  </p>   \n\n\n", null}) {
            BuiltMessage built = builder.build(new OutgoingMessage(new Mailbox(m.from().address(), "Fotostudio \"Jansen\" B.V."), m.to(),
                    "Een onderwerp dat lang genoeg is om te worden gevouwen, met nog wat meer woorden erachter", text, html,
                    m.listId(), m.unsubscribeUrl(), m.unsubscribeMailto(), m.bounceToken()));
            Verification direct = verify(signing.sign(built).bytes(), RSA, ED25519);
            assertThat(direct.exitCode()).as(direct.output()).isZero();
            assertThat(direct.output()).contains("pass rsa-sha256", "pass ed25519-sha256");
        }
    }

    @Test
    void signedHeaderLinesStayShort() {
        byte[] signed = new DkimSigning(List.of(RSA.key())).sign(builder.build(MessageBuilderTests.message())).bytes();
        String raw = new String(signed, StandardCharsets.US_ASCII);
        assertThat(raw).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=fotostudio-jansen.nl;");
        for (String line : raw.substring(0, raw.indexOf("\r\n\r\n")).split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(78);
        }
    }

    @Test
    void theGeneratorPrintsTheDnsRecordToPublish() {
        assertThat(RSA.dnsName()).isEqualTo("mw2026._domainkey.fotostudio-jansen.nl");
        assertThat(RSA.txtValue()).startsWith("v=DKIM1; k=rsa; p=MII");
        assertThat(ED25519.txtValue()).matches("v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=");
        assertThat(RSA.zoneFileLine()).startsWith("mw2026._domainkey.fotostudio-jansen.nl. IN TXT ( \"v=DKIM1; k=rsa; p=")
                .contains("\" \"");
        assertThatThrownBy(() -> DkimKey.fromPem("example.nl", "s", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("pkcs8");
        assertThatThrownBy(() -> DkimKeys.rsa("example.nl", "bad\r\nselector")).isInstanceOf(UnsafeHeaderException.class);
    }

    private static OutgoingMessage nonAsciiMessage() {
        OutgoingMessage m = MessageBuilderTests.message();
        return new OutgoingMessage(new Mailbox(m.from().address(), "Fotostudio Jansen — Ëlst"), m.to(),
                "Ärger mit Fotos? €10 korting", "Één tekst met ë\nen een tweede regel\n", m.html(), m.listId(),
                m.unsubscribeUrl(), m.unsubscribeMailto(), m.bounceToken());
    }

    private byte[] sendAndReceive(DkimSigning signing, OutgoingMessage message) throws Exception {
        BuiltMessage signed = signing.sign(builder.build(message));
        SendResult result = sender.send(signed);
        assertThat(result.status()).as(result.toString()).isEqualTo(SendStatus.SENT);
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        received.writeTo(raw);
        byte[] bytes = raw.toByteArray();
        assertThat(new String(bytes, StandardCharsets.US_ASCII)).contains("\r\n");
        return bytes;
    }

    record Verification(int exitCode, String output) {
    }

    static Verification verify(byte[] message, DkimKeys.Generated... keys) throws IOException, InterruptedException {
        java.util.Map<String, String> records = new java.util.LinkedHashMap<>();
        for (DkimKeys.Generated key : keys) {
            records.put(key.dnsName(), key.txtValue());
        }
        return verify(message, records);
    }

    /** @param records the TXT records the verifier finds, by DNS name ({@code selector._domainkey.domain}) */
    static Verification verify(byte[] message, java.util.Map<String, String> records) throws IOException, InterruptedException {
        Path script = Files.createTempFile("dkim-verify", ".py");
        try (var in = DkimSigningTests.class.getResourceAsStream("dkim-verify.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of(ExternalTools.PYTHON.toString(), script.toString()));
        records.forEach((name, value) -> command.add(name + "=" + value));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(message);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the DKIM verifier did not finish in 60 s");
        }
        Files.delete(script);
        return new Verification(process.exitValue(), output);
    }
}
