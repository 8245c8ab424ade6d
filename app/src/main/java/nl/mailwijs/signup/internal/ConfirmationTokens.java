package nl.mailwijs.signup.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed, expiring link of a double opt-in: {@code base64url(id ‖ expiry ‖ tag)}, 43
 * characters, where id is the pending sign-up (8 bytes), expiry its end in epoch seconds (8
 * bytes) and tag the first 16 bytes of HMAC-SHA256(secret, domain ‖ id ‖ expiry). A forged or
 * altered link fails the tag, compared in constant time; an expired one is known from the link
 * alone, so neither needs the database and neither tells whether an address signed up.
 */
public final class ConfirmationTokens {

    /** What a link says once its tag checks out. */
    public record Link(long pendingId, Instant expiresAt) {
    }

    private static final int PAYLOAD_BYTES = 16;
    private static final int TAG_BYTES = 16;
    private static final int TOKEN_CHARS = 43;
    /** Binds the MAC to this use: the same secret used elsewhere never yields a valid link. */
    private static final byte[] DOMAIN = "mailwijs-signup-confirm-v1".getBytes(StandardCharsets.US_ASCII);

    private final Mac prototype;

    /** @param secret at least 32 random bytes (ServerSecrets) */
    public ConfirmationTokens(byte[] secret) {
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("the confirmation secret must be at least 32 random bytes");
        }
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    public String token(long pendingId, Instant expiresAt) {
        byte[] payload = ByteBuffer.allocate(PAYLOAD_BYTES).putLong(pendingId).putLong(expiresAt.getEpochSecond()).array();
        byte[] token = Arrays.copyOf(payload, PAYLOAD_BYTES + TAG_BYTES);
        System.arraycopy(tag(payload), 0, token, PAYLOAD_BYTES, TAG_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The link's content when its tag is genuine (expired or not); empty for anything forged, altered or malformed. */
    public Optional<Link> verify(String token) {
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
        // Decoding ignores the unused low bits of the last character; re-encoding gives every link one spelling.
        if (!MessageDigest.isEqual(tag, tag(payload)) || !Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(token)) {
            return Optional.empty();
        }
        ByteBuffer read = ByteBuffer.wrap(payload);
        return Optional.of(new Link(read.getLong(), Instant.ofEpochSecond(read.getLong())));
    }

    private byte[] tag(byte[] payload) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 cannot be cloned in this JDK", e);
        }
        mac.update(DOMAIN);
        return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
    }
}
