package nl.mailwijs.evidence.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.mailwijs.apijson.JsonObjectFields;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.evidence.ConsentEvidence;
import nl.mailwijs.evidence.ErasedEvidence;
import nl.mailwijs.evidence.ErasureEvidence;
import nl.mailwijs.evidence.EvidenceContent;
import nl.mailwijs.evidence.EvidenceKind;
import nl.mailwijs.evidence.InteractionEvidence;
import nl.mailwijs.evidence.ObjectionEvidence;
import nl.mailwijs.evidence.PurchaseEvidence;
import nl.mailwijs.evidence.WithdrawalEvidence;

/**
 * Evidence content as JSON: the field names of {@code decision-format.md} where it has them,
 * the same names in the API body and in the stored record, so a stored record reads back with
 * the reader that checked the request. Writing gives {@link CanonicalJson}: absent values left
 * out, lists always written, channels in a fixed order, times as UTC ISO-8601.
 */
public final class EvidenceContentJson {

    private static final Set<String> PURCHASE = Set.of("id", "date", "categories", "proof", "proofReference",
            "addressCollectedInSale", "objectionOffered");
    private static final Set<String> INTERACTION = Set.of("id", "type", "date");
    private static final Set<String> CONSENT = Set.of("id", "givenAt", "channels", "topics", "method", "obtainedBy",
            "wordingId", "wording", "wordingVersion", "wordingLanguage", "confirmedAt", "withdrawnAt",
            "address", "source", "ipAddress", "userAgent", "confirmationSentAt", "confirmedIpAddress",
            "confirmedUserAgent");
    private static final Set<String> OBJECTION = Set.of("id", "at", "channels", "topics", "via", "rawEvidence");
    private static final Set<String> WITHDRAWAL = Set.of("id", "consentRecordId", "consentId", "withdrawnAt", "via");
    private static final Set<String> ERASURE = Set.of("at", "erasedRecords", "suppressions");

    /** The objection channel value that means every channel, as in {@code decision-format.md}. */
    private static final String ALL_CHANNELS = "ALL";

    private EvidenceContentJson() {
    }

    /**
     * Reads the content of one kind.
     *
     * @param envelope fields the surrounding document may hold besides the content (the API's
     *                 {@code kind} and {@code supersedes}); empty for stored content
     */
    public static EvidenceContent read(EvidenceKind kind, JsonObjectFields json, Set<String> envelope) {
        if (kind == EvidenceKind.ERASURE) {
            throw new InvalidRequestException("kind", "an erasure is recorded by the erasure itself: POST /api/v1/contacts/{id}/erasure");
        }
        json.allowOnly(union(fieldsOf(kind), envelope));
        return switch (kind) {
            case PURCHASE -> new PurchaseEvidence(
                    json.optionalString("id"),
                    json.requiredInstant("date"),
                    json.strings("categories"),
                    json.optionalEnum("proof", Proof.class),
                    json.optionalString("proofReference"),
                    json.optionalBoolean("addressCollectedInSale", false),
                    json.optionalBoolean("objectionOffered", false));
            case INTERACTION -> new InteractionEvidence(
                    json.optionalString("id"),
                    json.requiredEnum("type", InteractionType.class),
                    json.requiredInstant("date"));
            case CONSENT -> new ConsentEvidence(
                    json.optionalString("id"),
                    json.requiredInstant("givenAt"),
                    channels(json),
                    json.strings("topics"),
                    json.requiredEnum("method", ConsentMethod.class),
                    json.requiredEnum("obtainedBy", ObtainedBy.class),
                    new ConsentEvidence.Wording(json.optionalId("wordingId"), json.optionalString("wording"),
                            json.optionalString("wordingVersion"), json.optionalString("wordingLanguage")),
                    json.optionalInstant("confirmedAt"),
                    json.optionalInstant("withdrawnAt"),
                    new ConsentEvidence.Capture(json.optionalString("address"), json.optionalString("source"),
                            json.optionalString("ipAddress"), json.optionalString("userAgent"),
                            json.optionalInstant("confirmationSentAt"), json.optionalString("confirmedIpAddress"),
                            json.optionalString("confirmedUserAgent")));
            case OBJECTION -> objection(json);
            case WITHDRAWAL -> new WithdrawalEvidence(
                    json.optionalString("id"),
                    json.optionalId("consentRecordId"),
                    json.optionalString("consentId"),
                    json.requiredInstant("withdrawnAt"),
                    json.optionalEnum("via", ObjectionRoute.class));
            case ERASURE -> throw new IllegalStateException("refused above");
        };
    }

    /** Stored content, which was valid when it was appended. */
    public static EvidenceContent read(EvidenceKind kind, String storedJson) {
        if (kind == EvidenceKind.ERASURE) {
            JsonObjectFields json = JsonObjectFields.parse(storedJson);
            json.allowOnly(ERASURE);
            var tree = JsonObjectFields.tree(storedJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            List<Long> records = new ArrayList<>();
            tree.get("erasedRecords").forEach(id -> records.add(id.longValue()));
            return new ErasureEvidence(json.requiredInstant("at"), records, tree.get("suppressions").intValue());
        }
        return read(kind, JsonObjectFields.parse(storedJson), Set.of());
    }

    /** The content an erased record holds instead of what it had: the time of the erasure, nothing of the person. */
    public static String erasedMarker(Instant erasedAt) {
        return CanonicalJson.write(Map.of("erasedAt", time(erasedAt)));
    }

    /** The content in canonical JSON, as stored and hashed. */
    public static String write(EvidenceContent content) {
        Map<String, Object> json = new LinkedHashMap<>();
        switch (content) {
            case PurchaseEvidence purchase -> {
                json.put("id", purchase.id());
                json.put("date", time(purchase.date()));
                json.put("categories", purchase.categories());
                json.put("proof", purchase.proof().name());
                json.put("proofReference", purchase.proofReference());
                json.put("addressCollectedInSale", purchase.addressCollectedInSale());
                json.put("objectionOffered", purchase.objectionOffered());
            }
            case InteractionEvidence interaction -> {
                json.put("id", interaction.id());
                json.put("type", interaction.type().name());
                json.put("date", time(interaction.date()));
            }
            case ConsentEvidence consent -> {
                json.put("id", consent.id());
                json.put("givenAt", time(consent.givenAt()));
                json.put("channels", names(consent.channels()));
                json.put("topics", consent.topics());
                json.put("method", consent.method().name());
                json.put("obtainedBy", consent.obtainedBy().name());
                json.put("wordingId", consent.wording().id());
                json.put("wording", consent.wording().text());
                json.put("wordingVersion", consent.wording().version());
                json.put("wordingLanguage", consent.wording().language());
                json.put("confirmedAt", time(consent.confirmedAt()));
                json.put("withdrawnAt", time(consent.withdrawnAt()));
                json.put("address", consent.capture().address());
                json.put("source", consent.capture().source());
                json.put("ipAddress", consent.capture().ipAddress());
                json.put("userAgent", consent.capture().userAgent());
                json.put("confirmationSentAt", time(consent.capture().confirmationSentAt()));
                json.put("confirmedIpAddress", consent.capture().confirmedIpAddress());
                json.put("confirmedUserAgent", consent.capture().confirmedUserAgent());
            }
            case ObjectionEvidence objection -> {
                json.put("id", objection.id());
                json.put("at", time(objection.at()));
                json.put("channels", objection.allChannels() ? List.of(ALL_CHANNELS) : names(objection.channels()));
                json.put("topics", objection.topics());
                json.put("via", objection.via() == null ? null : objection.via().name());
                json.put("rawEvidence", objection.rawEvidence());
            }
            case WithdrawalEvidence withdrawal -> {
                json.put("id", withdrawal.id());
                json.put("consentRecordId", withdrawal.consentRecordId());
                json.put("consentId", withdrawal.consentId());
                json.put("withdrawnAt", time(withdrawal.withdrawnAt()));
                json.put("via", withdrawal.via() == null ? null : withdrawal.via().name());
            }
            case ErasureEvidence erasure -> {
                json.put("at", time(erasure.at()));
                json.put("erasedRecords", erasure.erasedRecords());
                json.put("suppressions", erasure.suppressions());
            }
            case ErasedEvidence erased -> throw new IllegalArgumentException("an erased record's content is its marker, not written again");
        }
        json.values().removeIf(value -> value == null);
        return CanonicalJson.write(json);
    }

    public static Set<String> fieldsOf(EvidenceKind kind) {
        return switch (kind) {
            case PURCHASE -> PURCHASE;
            case INTERACTION -> INTERACTION;
            case CONSENT -> CONSENT;
            case OBJECTION -> OBJECTION;
            case WITHDRAWAL -> WITHDRAWAL;
            case ERASURE -> ERASURE;
        };
    }

    private static Set<Channel> channels(JsonObjectFields json) {
        List<String> names = json.strings("channels");
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (int i = 0; i < names.size(); i++) {
            channels.add(JsonObjectFields.enumValue(json.pathOf("channels") + "[" + i + "]", names.get(i), Channel.class));
        }
        return channels;
    }

    private static ObjectionEvidence objection(JsonObjectFields json) {
        List<String> names = json.strings("channels");
        boolean all = false;
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(ALL_CHANNELS)) {
                all = true;
            } else {
                channels.add(JsonObjectFields.enumValue(json.pathOf("channels") + "[" + i + "]", names.get(i), Channel.class));
            }
        }
        return new ObjectionEvidence(json.optionalString("id"), json.requiredInstant("at"), all, channels, json.strings("topics"),
                json.optionalEnum("via", ObjectionRoute.class), json.optionalString("rawEvidence"));
    }

    private static List<String> names(Set<Channel> channels) {
        List<Channel> sorted = new ArrayList<>(channels);
        sorted.sort(Comparator.naturalOrder());
        return sorted.stream().map(Channel::name).toList();
    }

    /** Instant.toString: UTC, seconds always, fractions only when there are any. */
    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return union;
    }
}
