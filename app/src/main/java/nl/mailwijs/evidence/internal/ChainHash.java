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
 * canonical = {"contactId":..,"contentSha256":"..","externalId":..,"id":..,"kind":"..","recordedAt":"..","supersedes":..}
 * contentSha256 = hex(SHA-256(UTF-8(content)))
 * </pre>
 *
 * in {@link CanonicalJson} form, with recordedAt as {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ} (UTC,
 * always six decimals: the precision both databases keep) and null for an absent external id
 * or supersedes, and kind as its stored name ({@code CONSENT}). Anyone can recompute it from an
 * export with a few lines of any language.
 *
 * <p>The chain covers the content through its digest, not the content itself, so that a GDPR
 * erasure can blank a record's personal content and keep its digest: the chain still verifies,
 * and any other change to the content still shows (its digest no longer matches). Records
 * appended before the digest was introduced (database migration V12) were hashed over the
 * content itself ({@link #overContent}, with {@code "content":{..}} in place of
 * {@code contentSha256}); they keep that hash, as rewriting it would rewrite history.
 */
public final class ChainHash {

    /** The previous hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter RECORDED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ChainHash() {
    }

    /** The hash of a record as appended since V12: over the digest of its content. */
    public static String overDigest(String previousHash, long id, long contactId, String kind, String externalId, Instant recordedAt,
                                    Long supersedes, String contentSha256) {
        Map<String, Object> record = fields(id, contactId, kind, externalId, recordedAt, supersedes);
        record.put("contentSha256", contentSha256);
        return sha256(previousHash + "\n" + CanonicalJson.write(record));
    }

    /** The hash of a record appended before V12: over its content itself. */
    public static String overContent(String previousHash, long id, long contactId, String kind, String externalId, Instant recordedAt,
                                     Long supersedes, String contentJson) {
        Map<String, Object> record = fields(id, contactId, kind, externalId, recordedAt, supersedes);
        record.put("content", new CanonicalJson.Raw(contentJson));
        return sha256(previousHash + "\n" + CanonicalJson.write(record));
    }

    private static Map<String, Object> fields(long id, long contactId, String kind, String externalId, Instant recordedAt, Long supersedes) {
        Map<String, Object> record = new HashMap<>();
        record.put("id", id);
        record.put("contactId", contactId);
        record.put("kind", kind);
        record.put("externalId", externalId);
        record.put("recordedAt", RECORDED_AT.format(recordedAt));
        record.put("supersedes", supersedes);
        return record;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
