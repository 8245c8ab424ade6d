package nl.mailwijs.delivery;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import nl.mailwijs.delivery.internal.HeaderValues;

/**
 * One DKIM signing key: the {@code d=} domain, the {@code s=} selector and the private key, RSA
 * (at least 1024 bits; 2048 recommended) or Ed25519 (RFC 8463). The public half is published at
 * {@code selector._domainkey.domain} ({@link DkimKeys} prints that record).
 */
public record DkimKey(String domain, String selector, PrivateKey privateKey) {

    public DkimKey {
        Objects.requireNonNull(privateKey, "privateKey");
        domain = HeaderValues.domain("dkim.domain", Objects.requireNonNull(domain, "domain"));
        HeaderValues.text("dkim.selector", selector);
        if (!selector.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
            throw new UnsafeHeaderException("dkim.selector", "'" + selector + "' is not a DNS label such as mw2026");
        }
        if (!(privateKey instanceof RSAPrivateKey) && !isEd25519(privateKey)) {
            throw new DeliveryException("a DKIM key must be RSA or Ed25519, not " + privateKey.getAlgorithm());
        }
    }

    /** True for Ed25519, false for RSA. */
    public boolean ed25519() {
        return isEd25519(privateKey);
    }

    /**
     * Reads an unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), RSA or Ed25519, as
     * {@link DkimKeys} and {@code openssl genpkey} write it.
     */
    public static DkimKey fromPem(String domain, String selector, String pem) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new DeliveryException("this is a PKCS#1 RSA key; convert it with 'openssl pkcs8 -topk8 -nocrypt -in key.pem'");
        }
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("the DKIM key is not a PEM file (-----BEGIN PRIVATE KEY----- ...)");
        }
        return fromPkcs8(domain, selector, der);
    }

    /** The binary form of {@link #fromPem}: PKCS#8 DER, RSA or Ed25519. */
    public static DkimKey fromPkcs8(String domain, String selector, byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        try {
            return new DkimKey(domain, selector, KeyFactory.getInstance("RSA").generatePrivate(spec));
        } catch (GeneralSecurityException notRsa) {
            try {
                // The signing library wants Bouncy Castle's Ed25519 key type, not the JDK's.
                return new DkimKey(domain, selector, KeyFactory.getInstance("Ed25519", new BouncyCastleProvider()).generatePrivate(spec));
            } catch (GeneralSecurityException notEd25519) {
                throw new DeliveryException("the DKIM key is neither an RSA nor an Ed25519 PKCS#8 private key");
            }
        }
    }

    private static boolean isEd25519(PrivateKey key) {
        return key instanceof org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey
                && ("Ed25519".equalsIgnoreCase(key.getAlgorithm()) || "EdDSA".equalsIgnoreCase(key.getAlgorithm()));
    }
}
