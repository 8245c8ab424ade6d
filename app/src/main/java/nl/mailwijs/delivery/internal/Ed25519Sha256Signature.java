package nl.mailwijs.delivery.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * RFC 8463's ed25519-sha256: pure Ed25519 over the SHA-256 hash of the data. utils-mail-dkim hands
 * the canonicalised header data to a Signature it asks for as "NONEwithEdDSA" and expects exactly
 * this; {@code DkimSigning} registers this class under that name. Public for the JCA only.
 */
public final class Ed25519Sha256Signature extends SignatureSpi {

    private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final MessageDigest sha256;
    private final Signature ed25519;

    public Ed25519Sha256Signature() throws GeneralSecurityException {
        sha256 = MessageDigest.getInstance("SHA-256");
        ed25519 = Signature.getInstance("Ed25519", BOUNCY_CASTLE);
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
        sha256.reset();
        ed25519.initSign(privateKey);
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        sha256.reset();
        ed25519.initVerify(publicKey);
    }

    @Override
    protected void engineUpdate(byte b) {
        sha256.update(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {
        sha256.update(b, off, len);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        ed25519.update(sha256.digest());
        return ed25519.sign();
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
        ed25519.update(sha256.digest());
        return ed25519.verify(sigBytes);
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new InvalidParameterException("no parameters");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new InvalidParameterException("no parameters");
    }
}
