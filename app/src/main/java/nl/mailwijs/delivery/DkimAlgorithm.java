package nl.mailwijs.delivery;

import java.util.Locale;
import java.util.Optional;

/** The two kinds of DKIM key Mailwijs signs with; {@link #tag()} is the {@code k=} of the DNS record. */
public enum DkimAlgorithm {

    /** RSA-SHA256 with a 2048-bit key (an uploaded key may have up to 4096 bits): every receiver checks it. */
    RSA("rsa"),
    /** Ed25519-SHA256 (RFC 8463): small and fast, checked by fewer receivers, so always next to an RSA key. */
    ED25519("ed25519");

    private final String tag;

    DkimAlgorithm(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** {@code rsa} (also {@code rsa-2048}) or {@code ed25519}, in any case. */
    public static Optional<DkimAlgorithm> fromName(String name) {
        return switch (name == null ? "" : name.strip().toLowerCase(Locale.ROOT)) {
            case "rsa", "rsa-2048", "rsa2048" -> Optional.of(RSA);
            case "ed25519" -> Optional.of(ED25519);
            default -> Optional.empty();
        };
    }

    static DkimAlgorithm of(DkimKey key) {
        return key.ed25519() ? ED25519 : RSA;
    }
}
