package nl.mailwijs.delivery.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import nl.mailwijs.delivery.DeliveryException;

/**
 * AES-256-GCM for private keys at rest. The AES key is derived from a server secret with
 * HMAC-SHA256 (one HKDF-Expand block), so the secret itself never encrypts anything and a later
 * version can derive another key from the same secret. Each seal has a fresh 96-bit nonce; the
 * context (what the key belongs to) is authenticated but not stored, so a sealed value copied
 * to another context does not open.
 */
public final class KeySeal {

    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param secret at least 32 random bytes, such as a ServerSecrets secret */
    public KeySeal(byte[] secret, String purpose) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the secret must have at least 32 bytes");
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            hmac.update(("mailwijs " + purpose + " aes-256-gcm v1").getBytes(StandardCharsets.US_ASCII));
            hmac.update((byte) 1);
            this.key = new SecretKeySpec(hmac.doFinal(), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** {@code v1:} and the Base64 of nonce, ciphertext and tag. */
    public String seal(byte[] plain, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has AES/GCM", e);
        }
    }

    /** @throws DeliveryException when the value was sealed with another secret or context, or was altered */
    public byte[] open(String sealed, String context) {
        if (!sealed.startsWith(VERSION)) {
            throw new DeliveryException("a sealed key must start with " + VERSION);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("a sealed key is not Base64");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new DeliveryException("a sealed key is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new DeliveryException("the sealed key does not open: it was sealed under another server secret or for another key, or altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has AES/GCM", e);
        }
    }
}
