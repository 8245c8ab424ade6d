package nl.mailwijs.signup.internal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

import nl.mailwijs.platform.SignedTokens;

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

    private final SignedTokens signed;

    /** @param secret at least 32 random bytes (ServerSecrets) */
    public ConfirmationTokens(byte[] secret) {
        // The domain binds the MAC to this use: the same secret used elsewhere never yields a valid link.
        signed = new SignedTokens(secret, "mailwijs-signup-confirm-v1");
    }

    public String token(long pendingId, Instant expiresAt) {
        return signed.token(ByteBuffer.allocate(SignedTokens.PAYLOAD_BYTES).putLong(pendingId).putLong(expiresAt.getEpochSecond()).array());
    }

    /** The link's content when its tag is genuine (expired or not); empty for anything forged, altered or malformed. */
    public Optional<Link> verify(String token) {
        return signed.verify(token).map(payload -> {
            ByteBuffer read = ByteBuffer.wrap(payload);
            return new Link(read.getLong(), Instant.ofEpochSecond(read.getLong()));
        });
    }
}
