package nl.mailwijs.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import nl.mailwijs.delivery.internal.RelaxedDkim;
import nl.mailwijs.delivery.internal.RsaSigning;

/**
 * DKIM-signs built messages (RFC 6376, relaxed/relaxed, no {@code l=}) with one or more keys,
 * typically RSA-SHA256 and optionally Ed25519-SHA256 (RFC 8463) as a second signature. Signed
 * headers: those of {@link #SIGNED_HEADERS} the message has (MessageBuilder writes them all).
 * Works on the bytes as built: the body is canonicalised and hashed once for all keys, and the
 * message is never parsed into a MimeMessage. Thread-safe.
 */
public final class DkimSigning {

    static final List<String> SIGNED_HEADERS = List.of("From", "To", "Subject", "Date", "Message-ID", "List-Id",
            "List-Unsubscribe", "List-Unsubscribe-Post", "MIME-Version", "Content-Type");

    private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final List<DkimKey> keys;
    private final Clock clock;

    /** @param keys applied in order; each adds one DKIM-Signature header (the last one ends up on top) */
    public DkimSigning(List<DkimKey> keys) {
        this(keys, Clock.systemUTC());
    }

    /** @param clock for the {@code t=} tag */
    public DkimSigning(List<DkimKey> keys, Clock clock) {
        if (keys.isEmpty()) {
            throw new DeliveryException("DKIM signing needs at least one key");
        }
        this.keys = List.copyOf(keys);
        this.clock = clock;
    }

    public List<DkimKey> keys() {
        return keys;
    }

    /** The same message with a DKIM-Signature per key added on top; envelope and Message-ID unchanged. */
    public BuiltMessage sign(BuiltMessage message) {
        byte[] bytes = message.bytes();
        RelaxedDkim.Parsed parsed = RelaxedDkim.parse(bytes);
        String bodyHash = BASE64.encodeToString(RelaxedDkim.bodyHash(bytes, parsed.bodyStart()));

        ByteArrayOutputStream signedHeaders = new ByteArrayOutputStream(1024);
        StringBuilder h = new StringBuilder();
        for (String name : SIGNED_HEADERS) {
            RelaxedDkim.Field field = parsed.last(name);
            if (field != null) {
                RelaxedDkim.canonicalHeader(field, signedHeaders, false);
                if (!h.isEmpty()) {
                    // FWS may stand around the colons (RFC 6376 3.5): keep the lines short.
                    h.append(h.length() - h.lastIndexOf("\n") + name.length() > 70 ? ":\r\n\t" : ":");
                }
                h.append(name);
            }
        }
        long now = clock.instant().getEpochSecond();

        List<byte[]> signatures = new ArrayList<>(keys.size());
        try {
            for (DkimKey key : keys) {
                // Every signature covers the message as built, not the signatures added before it.
                String head = "DKIM-Signature: v=1; a=" + (key.ed25519() ? "ed25519-sha256" : "rsa-sha256")
                        + "; c=relaxed/relaxed; d=" + key.domain() + ";\r\n\ts=" + key.selector() + "; t=" + now
                        + ";\r\n\th=" + h + ";\r\n\tbh=" + bodyHash + ";\r\n\tb=";
                byte[] unsigned = head.getBytes(StandardCharsets.US_ASCII);
                ByteArrayOutputStream data = new ByteArrayOutputStream(signedHeaders.size() + unsigned.length);
                data.write(signedHeaders.toByteArray(), 0, signedHeaders.size());
                RelaxedDkim.canonicalHeader(new RelaxedDkim.Field("DKIM-Signature", unsigned, 0, unsigned.length), data, true);
                String b = BASE64.encodeToString(sign(key, data.toByteArray()));
                StringBuilder field = new StringBuilder(head.length() + b.length() + 32).append(head);
                // Folded so no line passes 78; the blanks are ignored inside b= (RFC 6376 3.5).
                for (int i = 0; i < b.length(); i += 64) {
                    if (i > 0) {
                        field.append("\r\n\t ");
                    }
                    field.append(b, i, Math.min(b.length(), i + 64));
                }
                signatures.add(field.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            }
        } catch (GeneralSecurityException e) {
            throw new DeliveryException("could not DKIM-sign " + message.messageId() + ": " + e.getMessage(), e);
        }

        int size = bytes.length;
        for (byte[] signature : signatures) {
            size += signature.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (int i = signatures.size() - 1; i >= 0; i--) {
            System.arraycopy(signatures.get(i), 0, out, at, signatures.get(i).length);
            at += signatures.get(i).length;
        }
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return new BuiltMessage(message.messageId(), message.envelopeFrom(), message.recipient(), out);
    }

    private static byte[] sign(DkimKey key, byte[] data) throws GeneralSecurityException {
        if (key.ed25519()) {
            // RFC 8463: pure Ed25519 over the SHA-256 hash of the data, not Ed25519ph.
            Signature ed25519 = Signature.getInstance("Ed25519", BOUNCY_CASTLE);
            ed25519.initSign(key.privateKey());
            ed25519.update(MessageDigest.getInstance("SHA-256").digest(data));
            return ed25519.sign();
        }
        return RsaSigning.sha256WithRsa(key.privateKey(), data);
    }
}
