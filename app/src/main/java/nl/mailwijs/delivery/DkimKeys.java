package nl.mailwijs.delivery;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Makes DKIM keys and the DNS TXT record that publishes each one's public half. */
public final class DkimKeys {

    private DkimKeys() {
    }

    /**
     * A new key and what to publish.
     *
     * @param key        the signing key
     * @param privatePem the private key as unencrypted PKCS#8 PEM, for {@link DkimKey#fromPem}
     * @param dnsName    where the record goes: {@code selector._domainkey.domain}
     * @param txtValue   the record's value, {@code v=DKIM1; k=rsa; p=...}
     */
    public record Generated(DkimKey key, String privatePem, String dnsName, String txtValue) {

        /** The record in zone-file syntax, split into strings of at most 255 characters as DNS requires. */
        public String zoneFileLine() {
            return DkimKeys.zoneFileLine(dnsName, txtValue);
        }
    }

    /** A TXT record in zone-file syntax, split into strings of at most 255 characters as DNS requires. */
    public static String zoneFileLine(String dnsName, String txtValue) {
        StringBuilder line = new StringBuilder(dnsName).append(". IN TXT (");
        for (int i = 0; i < txtValue.length(); i += 255) {
            line.append(" \"").append(txtValue, i, Math.min(txtValue.length(), i + 255)).append('"');
        }
        return line.append(" )").toString();
    }

    /** A 2048-bit RSA key: every receiver verifies RSA-SHA256. */
    public static Generated rsa(String domain, String selector) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
            return generated(new DkimKey(domain, selector, pair.getPrivate()), "v=DKIM1; k=rsa; p=" + publicKey);
        } catch (GeneralSecurityException e) {
            throw new DeliveryException("could not generate an RSA key: " + e.getMessage(), e);
        }
    }

    /** An Ed25519 key (RFC 8463): small and fast, but not every receiver checks it; sign with RSA too. */
    public static Generated ed25519(String domain, String selector) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519", new BouncyCastleProvider());
            KeyPair pair = generator.generateKeyPair();
            byte[] raw = rawEd25519(pair.getPublic().getEncoded());
            return generated(new DkimKey(domain, selector, pair.getPrivate()), "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(raw));
        } catch (GeneralSecurityException e) {
            throw new DeliveryException("could not generate an Ed25519 key: " + e.getMessage(), e);
        }
    }

    /**
     * The record to publish for a key made elsewhere (an uploaded PEM): the public half is
     * computed from the private key.
     */
    public static Generated of(DkimKey key) {
        try {
            if (key.ed25519()) {
                return generated(key, "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(rawEd25519(
                        ((org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey) key.privateKey()).getPublicKey().getEncoded())));
            }
            if (!(key.privateKey() instanceof RSAPrivateCrtKey crt)) {
                throw new DeliveryException("this RSA key does not carry its public exponent; export it as PKCS#8 with openssl");
            }
            byte[] spki = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())).getEncoded();
            return generated(key, "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(spki));
        } catch (GeneralSecurityException e) {
            throw new DeliveryException("could not compute the public key: " + e.getMessage(), e);
        }
    }

    /** RFC 8463 publishes the raw 32-byte key, not the SubjectPublicKeyInfo around it. */
    private static byte[] rawEd25519(byte[] spki) {
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    private static Generated generated(DkimKey key, String txtValue) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(key.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return new Generated(key, pem, key.selector() + "._domainkey." + key.domain(), txtValue);
    }
}
