package nl.mailwijs.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-recipient unsubscribe tokens for the one-click URL: unguessable, signed, and free of any
 * database id. A token is {@code base64url(key ‖ HMAC-SHA256(secret, domain ‖ key)[0..16])}, 43
 * characters, where {@code key} is 16 random bytes the caller stores with the outbox row (as the
 * 32 hex characters {@link #newKey()} returns). {@link #verify(String)} refuses a forged or altered
 * token in constant time without touching the database; only a genuine one yields the key to look up.
 *
 * <p>The secret is a constructor argument: the server has no generated-once secret store yet.
 * Rotating it invalidates every token issued before. Thread-safe.
 */
public final class UnsubscribeTokens {

    private static final int KEY_BYTES = 16;
    private static final int TAG_BYTES = 16;
    private static final int TOKEN_CHARS = 43;
    /** Binds the MAC to this use, so the same secret used elsewhere never yields a valid token. */
    private static final byte[] DOMAIN = "mailwijs-unsubscribe-v1".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private final Mac prototype;
    private final SecureRandom random = new SecureRandom();

    /** @param secret at least 32 bytes from a secure random source, kept out of the database dump */
    public UnsubscribeTokens(byte[] secret) {
        if (secret == null || secret.length < 32) {
            throw new DeliveryException("the unsubscribe secret must be at least 32 random bytes");
        }
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new DeliveryException("HmacSHA256 is not available in this JDK", e);
        }
    }

    /** A fresh random key for one message to one recipient, as 32 lower-case hex characters. */
    public String newKey() {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return HEX.formatHex(key);
    }

    /** The URL-safe token for a key from {@link #newKey()}. */
    public String token(String key) {
        byte[] keyBytes;
        try {
            keyBytes = HEX.parseHex(key);
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("an unsubscribe key is 32 hex characters, as newKey() returns");
        }
        if (keyBytes.length != KEY_BYTES) {
            throw new DeliveryException("an unsubscribe key is 32 hex characters, as newKey() returns");
        }
        byte[] token = Arrays.copyOf(keyBytes, KEY_BYTES + TAG_BYTES);
        System.arraycopy(tag(keyBytes), 0, token, KEY_BYTES, TAG_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /**
     * The key inside a genuine token, or empty for anything else (wrong length, not base64url,
     * altered, signed with another secret). The tag comparison takes the same time wherever the
     * first difference is.
     */
    public Optional<String> verify(String token) {
        if (token == null || token.length() != TOKEN_CHARS) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] key = Arrays.copyOfRange(bytes, 0, KEY_BYTES);
        byte[] tag = Arrays.copyOfRange(bytes, KEY_BYTES, KEY_BYTES + TAG_BYTES);
        // Base64 decoding ignores the unused low bits of the last character; re-encoding makes
        // sure a token has exactly one spelling, so "altered" can never still verify.
        if (!MessageDigest.isEqual(tag, Arrays.copyOf(tag(key), TAG_BYTES))
                || !Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(token)) {
            return Optional.empty();
        }
        return Optional.of(HEX.formatHex(key));
    }

    private byte[] tag(byte[] key) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new DeliveryException("HmacSHA256 cannot be cloned in this JDK", e);
        }
        mac.update(DOMAIN);
        return Arrays.copyOf(mac.doFinal(key), TAG_BYTES);
    }
}
