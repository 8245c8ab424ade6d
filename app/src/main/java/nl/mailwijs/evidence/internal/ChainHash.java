package nl.mailwijs.evidence.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The hash that links a ledger record to the one before it:
 *
 * <pre>
 * hash = hex(SHA-256(UTF-8(previousHash + "\n" + canonical)))
 * canonical = {"contactId":..,"content":{..},"externalId":..,"id":..,"kind":"..","recordedAt":"..","supersedes":..}
 * </pre>
 *
 * in {@link CanonicalJson} form, with recordedAt as {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ} (UTC,
 * always six decimals: the precision both databases keep) and null for an absent external id
 * or supersedes, and kind as its stored name ({@code CONSENT}). The content is embedded as
 * its stored text, so any change to it shows. Anyone can recompute it from an export with a
 * few lines of any language.
 */
public final class ChainHash {

    /** The previous hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter RECORDED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ChainHash() {
    }

    public static String of(String previousHash, long id, long contactId, String kind, String externalId, Instant recordedAt,
                            Long supersedes, String contentJson) {
        Map<String, Object> record = new HashMap<>();
        record.put("id", id);
        record.put("contactId", contactId);
        record.put("kind", kind);
        record.put("externalId", externalId);
        record.put("recordedAt", RECORDED_AT.format(recordedAt));
        record.put("supersedes", supersedes);
        record.put("content", new CanonicalJson.Raw(contentJson));
        return sha256(previousHash + "\n" + CanonicalJson.write(record));
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
