package nl.mailwijs.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens of the links Mailwijs mails out: {@code base64url(payload ‖ tag)}, 43 characters,
 * where payload is 16 bytes and tag the first 16 bytes of HMAC-SHA256(secret, domain ‖ payload).
 * The domain binds a token to one use, so the same secret never yields a valid token for another.
 * {@link #verify} refuses a forged, altered or malformed token without the database, comparing
 * tags in constant time, and accepts one spelling only (base64 decoding ignores the low bits of
 * the last character). Thread-safe.
 */
public final class SignedTokens {

    public static final int PAYLOAD_BYTES = 16;
    private static final int TAG_BYTES = 16;
    private static final int TOKEN_CHARS = 43;

    private final Mac prototype;
    private final byte[] domain;

    /**
     * @param secret at least 32 random bytes (ServerSecrets)
     * @param domain what the tokens are for, e.g. {@code mailwijs-unsubscribe-v1}
     */
    public SignedTokens(byte[] secret, String domain) {
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("the secret for " + domain + " tokens must be at least 32 random bytes");
        }
        this.domain = domain.getBytes(StandardCharsets.US_ASCII);
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    /** @param payload exactly {@link #PAYLOAD_BYTES} bytes */
    public String token(byte[] payload) {
        if (payload.length != PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a token carries " + PAYLOAD_BYTES + " bytes, not " + payload.length);
        }
        byte[] token = Arrays.copyOf(payload, PAYLOAD_BYTES + TAG_BYTES);
        System.arraycopy(tag(payload), 0, token, PAYLOAD_BYTES, TAG_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The payload of a genuine token; empty for anything forged, altered or malformed. */
    public Optional<byte[]> verify(String token) {
        if (token == null || token.length() != TOKEN_CHARS) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] payload = Arrays.copyOfRange(bytes, 0, PAYLOAD_BYTES);
        byte[] tag = Arrays.copyOfRange(bytes, PAYLOAD_BYTES, PAYLOAD_BYTES + TAG_BYTES);
        if (!MessageDigest.isEqual(tag, tag(payload)) || !Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(token)) {
            return Optional.empty();
        }
        return Optional.of(payload);
    }

    private byte[] tag(byte[] payload) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 cannot be cloned in this JDK", e);
        }
        mac.update(domain);
        return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
    }
}
