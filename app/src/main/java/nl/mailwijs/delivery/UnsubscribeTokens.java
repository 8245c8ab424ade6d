package nl.mailwijs.delivery;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import nl.mailwijs.platform.SignedTokens;

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

    private static final int KEY_BYTES = SignedTokens.PAYLOAD_BYTES;
    private static final HexFormat HEX = HexFormat.of();

    private final SignedTokens signed;
    private final SecureRandom random = new SecureRandom();

    /** @param secret at least 32 bytes from a secure random source, kept out of the database dump */
    public UnsubscribeTokens(byte[] secret) {
        if (secret == null || secret.length < 32) {
            throw new DeliveryException("the unsubscribe secret must be at least 32 random bytes");
        }
        // The domain binds the MAC to this use, so the same secret used elsewhere never yields a valid token.
        signed = new SignedTokens(secret, "mailwijs-unsubscribe-v1");
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
        return signed.token(keyBytes);
    }

    /**
     * The key inside a genuine token, or empty for anything else (wrong length, not base64url,
     * altered, signed with another secret). The tag comparison takes the same time wherever the
     * first difference is.
     */
    public Optional<String> verify(String token) {
        return signed.verify(token).map(HEX::formatHex);
    }
}
