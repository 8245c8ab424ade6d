package nl.mailwijs.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.Provider;
import java.security.Security;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimException;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

import nl.mailwijs.delivery.internal.Ed25519Sha256Signature;
import nl.mailwijs.delivery.internal.MailRuntime;

/**
 * DKIM-signs built messages (RFC 6376, relaxed/relaxed, no {@code l=}) with one or more keys,
 * typically RSA-SHA256 and optionally Ed25519-SHA256 (RFC 8463) as a second signature. Signed
 * headers: From, To, Subject, Date, Message-ID, List-Id, List-Unsubscribe, List-Unsubscribe-Post,
 * MIME-Version, Content-Type (and the library's defaults where present). Uses
 * {@code org.simplejavamail:utils-mail-dkim}. Thread-safe: a signer is made per message because
 * the library's signer keeps its digest and signature state in fields.
 */
public final class DkimSigning {

    static final List<String> SIGNED_HEADERS = List.of("From", "To", "Subject", "Date", "Message-ID", "List-Id",
            "List-Unsubscribe", "List-Unsubscribe-Post", "MIME-Version", "Content-Type");

    static {
        // utils-mail-dkim 3.2.2 asks for Signature "NONEwithEdDSA", a name from the EdDSA library it
        // used before Bouncy Castle, which no provider has any more, and feeds it the raw header
        // data. RFC 8463 signs the SHA-256 hash of that data with pure Ed25519: a provider of our
        // own supplies exactly that under the old name (dkimpy verifies it in DkimSigningTests).
        if (Security.getProvider(Ed25519Alias.NAME) == null) {
            Security.addProvider(new Ed25519Alias());
        }
    }

    private static final class Ed25519Alias extends Provider {

        static final String NAME = "MailwijsDkimEd25519";

        Ed25519Alias() {
            super(NAME, "1.0", "ed25519-sha256 (RFC 8463) as NONEwithEdDSA, for utils-mail-dkim");
            putService(new Service(this, "Signature", "NONEwithEdDSA", Ed25519Sha256Signature.class.getName(), null, null));
        }
    }

    private final List<DkimKey> keys;
    private final Session session = MailRuntime.session();

    /** @param keys applied in order; each adds one DKIM-Signature header (the last one ends up on top) */
    public DkimSigning(List<DkimKey> keys) {
        if (keys.isEmpty()) {
            throw new DeliveryException("DKIM signing needs at least one key");
        }
        this.keys = List.copyOf(keys);
    }

    public List<DkimKey> keys() {
        return keys;
    }

    /** The same message with a DKIM-Signature per key added on top; envelope and Message-ID unchanged. */
    public BuiltMessage sign(BuiltMessage message) {
        try {
            MimeMessage signed = new MimeMessage(session, new ByteArrayInputStream(message.bytes()));
            for (DkimKey key : keys) {
                // Each wrapper copies the message before it, which writes (and so signs) it: the
                // later signature covers the same headers and body as the earlier one.
                signed = new DkimMessage(signed, signer(key));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(message.bytes().length + 1024 * keys.size());
            signed.writeTo(out);
            return new BuiltMessage(message.messageId(), message.envelopeFrom(), message.recipient(), out.toByteArray());
        } catch (MessagingException | IOException e) {
            throw new DeliveryException("could not DKIM-sign " + message.messageId() + ": " + e.getMessage(), e);
        }
    }

    private static DkimSigner signer(DkimKey key) throws DkimException {
        DkimSigner signer = key.ed25519()
                ? new DkimSigner(key.domain(), key.selector(), (org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey) key.privateKey())
                : new DkimSigner(key.domain(), key.selector(), (RSAPrivateKey) key.privateKey());
        signer.setSigningAlgorithm(key.ed25519() ? SigningAlgorithm.SHA256_WITH_ED25519 : SigningAlgorithm.SHA256_WITH_RSA);
        signer.setHeaderCanonicalization(Canonicalization.RELAXED);
        signer.setBodyCanonicalization(Canonicalization.RELAXED);
        // l= would let anyone append content under our signature.
        signer.setLengthParam(false);
        signer.setZParam(false);
        // The key is checked against DNS when it is published, not on every message.
        signer.setCheckDomainKey(false);
        for (String header : SIGNED_HEADERS) {
            signer.addHeaderToSign(header);
        }
        return signer;
    }
}
