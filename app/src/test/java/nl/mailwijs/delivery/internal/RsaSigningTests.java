package nl.mailwijs.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class RsaSigningTests {

    @Test
    void onLinuxX8664TheNativeProviderSignsAndTheJdkVerifiesIt() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        byte[] data = "dkim-signature:v=1; a=rsa-sha256; b=".getBytes(StandardCharsets.US_ASCII);

        byte[] signed = RsaSigning.sha256WithRsa(pair.getPrivate(), data);

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(data);
        assertThat(verifier.verify(signed)).isTrue();
        boolean linuxX64 = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        // Silently losing the native provider would halve DKIM throughput: say so here, not in production.
        assertThat(RsaSigning.providerFor(pair.getPrivate()))
                .isEqualTo(linuxX64 ? "AmazonCorrettoCryptoProvider" : "JDK default");
    }
}
