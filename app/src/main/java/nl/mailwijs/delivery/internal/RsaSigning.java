package nl.mailwijs.delivery.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA256withRSA for DKIM, the one step of sending that costs real CPU (about a millisecond per
 * message with the JDK's provider). When the Amazon Corretto Crypto Provider (AWS-LC, native) is
 * on the class path and loads on this platform, it signs instead; each key is first signed with
 * it and checked with the JDK's verifier, and anything amiss falls back to the JDK for good.
 */
public final class RsaSigning {

    private static final String ACCP = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
    private static final Optional<Provider> NATIVE = loadNative();
    /** Per key: the provider that passed the check, or the JDK's default (an empty Optional). */
    private static final Map<PrivateKey, Optional<Provider>> CHOSEN = new ConcurrentHashMap<>();

    private RsaSigning() {
    }

    public static byte[] sha256WithRsa(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Optional<Provider> provider = CHOSEN.computeIfAbsent(key, RsaSigning::choose);
        Signature signature = provider.isPresent() ? Signature.getInstance("SHA256withRSA", provider.get())
                : Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(data);
        return signature.sign();
    }

    /** The name of the provider that signs with this key: for the benchmark and the logs. */
    public static String providerFor(PrivateKey key) {
        return CHOSEN.computeIfAbsent(key, RsaSigning::choose).map(Provider::getName).orElse("JDK default");
    }

    private static Optional<Provider> choose(PrivateKey key) {
        if (NATIVE.isEmpty() || !(key instanceof RSAPrivateCrtKey crt)) {
            return Optional.empty();
        }
        try {
            PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            byte[] probe = "mailwijs dkim self-check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withRSA", NATIVE.get());
            signer.initSign(key);
            signer.update(probe);
            byte[] signed = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signed) ? NATIVE : Optional.empty();
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Provider> loadNative() {
        if (Boolean.getBoolean("mailwijs.dkim.jdk-only")) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(ACCP);
            Provider provider = (Provider) type.getField("INSTANCE").get(null);
            // ACCP reports a missing or foreign native library here instead of failing later.
            Object loadingError = type.getMethod("getLoadingError").invoke(provider);
            return loadingError == null ? Optional.of(provider) : Optional.empty();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }
}
