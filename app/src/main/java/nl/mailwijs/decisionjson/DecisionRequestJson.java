package nl.mailwijs.decisionjson;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Consent;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.DecisionRequest;
import nl.mailwijs.engine.request.Evidence;
import nl.mailwijs.engine.request.Interaction;
import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.engine.request.Message;
import nl.mailwijs.engine.request.Objection;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.Policy;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.Purchase;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.Recipient;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.engine.request.Sender;
import nl.mailwijs.engine.values.Countries;
import nl.mailwijs.engine.values.EmailAddresses;
import nl.mailwijs.engine.values.InvalidValueException;
import nl.mailwijs.engine.values.PhoneNumbers;

/**
 * Reads a decision request (JSON version 1 of {@code decision-format.md}). Strict: unknown
 * fields, missing required fields, wrong types, unknown enum values, dates without a zone and
 * malformed addresses are each an {@link InvalidRequestException} naming the field.
 */
public final class DecisionRequestJson {

    private static final Set<String> ROOT = Set.of("sender", "recipient", "evidence", "message", "policy");
    private static final Set<String> SENDER = Set.of("legalName", "tradeName", "country", "objectionAddress");
    private static final Set<String> RECIPIENT = Set.of("kind", "country", "channel", "address", "publishedForOffers");
    private static final Set<String> EVIDENCE = Set.of("consents", "purchases", "interactions", "objections");
    private static final Set<String> CONSENT = Set.of("id", "givenAt", "channels", "topics", "method", "obtainedBy", "wording",
            "confirmedAt", "withdrawnAt");
    private static final Set<String> PURCHASE = Set.of("id", "date", "categories", "proof", "addressCollectedInSale", "objectionOffered");
    private static final Set<String> INTERACTION = Set.of("id", "type", "date");
    private static final Set<String> OBJECTION = Set.of("id", "at", "channels", "topics", "via");
    private static final Set<String> MESSAGE = Set.of("purpose", "topics", "containsPromotion", "sendAt", "recipientCount");
    private static final Set<String> POLICY = Set.of("similarTopics", "softOptInMonths", "offerAddressLocalParts");

    /** A term longer than 50 years is a typo, not a policy. */
    private static final int MAX_SOFT_OPT_IN_MONTHS = 600;

    private DecisionRequestJson() {
    }

    public static DecisionRequest read(String json) {
        return read(JsonTree.parse(json));
    }

    /** The same, from UTF-8 bytes. */
    public static DecisionRequest read(byte[] json) {
        return read(JsonTree.parse(json));
    }

    private static DecisionRequest read(Object tree) {
        JsonFields root = JsonFields.root(tree);
        root.rejectUnknown(ROOT);
        Sender sender = sender(root.requiredObject("sender"));
        Recipient recipient = recipient(root.requiredObject("recipient"));
        JsonFields evidence = root.optionalObject("evidence");
        Message message = message(root.requiredObject("message"));
        JsonFields policy = root.optionalObject("policy");
        return new DecisionRequest(sender, recipient,
                evidence == null ? Evidence.NONE : evidence(evidence),
                message,
                policy == null ? Policy.NL_DEFAULT : reusedPolicy(policy));
    }

    /** The policy read last on this thread, with the JSON it was read from. */
    private record ReadPolicy(Object json, Policy policy) {
    }

    private static final ThreadLocal<ReadPolicy> LAST_POLICY = new ThreadLocal<>();

    /**
     * A file of requests nearly always repeats one policy; comparing its small JSON tree with
     * the previous one is much cheaper than building the policy again.
     */
    private static Policy reusedPolicy(JsonFields json) {
        ReadPolicy last = LAST_POLICY.get();
        if (last != null && last.json().equals(json.values())) {
            return last.policy();
        }
        Policy policy = policy(json);
        LAST_POLICY.set(new ReadPolicy(json.values(), policy));
        return policy;
    }

    /** Reads a policy object on its own, as the audit's policy file holds it. */
    public static Policy readPolicy(String json) {
        return policy(JsonFields.root(JsonTree.parse(json)));
    }

    private static Sender sender(JsonFields json) {
        json.rejectUnknown(SENDER);
        String legalName = json.requiredString("legalName");
        return new Sender(legalName, json.optionalString("tradeName"), country(json, "country"), json.optionalString("objectionAddress"));
    }

    private static Recipient recipient(JsonFields json) {
        json.rejectUnknown(RECIPIENT);
        RecipientKind kind = json.requiredEnum("kind", RecipientKind.class);
        String country = country(json, "country");
        Channel channel = json.requiredEnum("channel", Channel.class);
        String address = address(json.pathOf("address"), json.requiredString("address"), channel);
        return new Recipient(kind, country, channel, address, json.optionalBoolean("publishedForOffers", false));
    }

    static String country(JsonFields json, String name) {
        return country(json.pathOf(name), json.requiredString(name));
    }

    /** An ISO 3166-1 alpha-2 code, accepted in any case and returned upper case. */
    public static String country(String field, String raw) {
        String code = raw.strip().toUpperCase(Locale.ROOT);
        if (!Countries.isKnown(code)) {
            String hint = Countries.isoHintFor(code);
            throw new InvalidRequestException(field, InputProblem.NOT_A_COUNTRY, "'" + raw + "' is not an ISO 3166-1 alpha-2 country code"
                    + (hint == null ? " (e.g. NL, BE, DE, US)" : "; use " + hint), raw);
        }
        return code;
    }

    /** The normalised address for the channel: an e-mail address, or a phone number in E.164 form. */
    public static String address(String field, String raw, Channel channel) {
        try {
            return channel.usesPhoneNumbers() ? PhoneNumbers.normalise(raw) : EmailAddresses.normalise(raw);
        } catch (InvalidValueException e) {
            // The engine's sentence says exactly what is wrong; the pages say which kind of address it is not.
            throw new InvalidRequestException(field, channel.usesPhoneNumbers() ? InputProblem.NOT_A_PHONE_NUMBER : InputProblem.NOT_AN_EMAIL_ADDRESS,
                    e.getMessage(), raw);
        }
    }

    private static Evidence evidence(JsonFields json) {
        json.rejectUnknown(EVIDENCE);
        List<Consent> consents = new ArrayList<>();
        for (JsonFields consent : json.objects("consents")) {
            consents.add(consent(consent));
        }
        List<Purchase> purchases = new ArrayList<>();
        for (JsonFields purchase : json.objects("purchases")) {
            purchases.add(purchase(purchase));
        }
        List<Interaction> interactions = new ArrayList<>();
        for (JsonFields interaction : json.objects("interactions")) {
            interaction.rejectUnknown(INTERACTION);
            interactions.add(new Interaction(interaction.optionalString("id"),
                    interaction.requiredEnum("type", InteractionType.class), interaction.optionalInstant("date")));
        }
        List<Objection> objections = new ArrayList<>();
        for (JsonFields objection : json.objects("objections")) {
            objections.add(objection(objection));
        }
        return new Evidence(consents, purchases, interactions, objections);
    }

    private static Consent consent(JsonFields json) {
        json.rejectUnknown(CONSENT);
        return new Consent(
                json.optionalString("id"),
                json.optionalInstant("givenAt"),
                Set.copyOf(json.enums("channels", Channel.class)),
                topics(json, "topics"),
                json.optionalEnum("method", ConsentMethod.class),
                json.optionalEnum("obtainedBy", ObtainedBy.class),
                json.optionalString("wording"),
                json.optionalInstant("confirmedAt"),
                json.optionalInstant("withdrawnAt"));
    }

    private static Purchase purchase(JsonFields json) {
        json.rejectUnknown(PURCHASE);
        return new Purchase(
                json.optionalString("id"),
                json.optionalInstant("date"),
                topics(json, "categories"),
                json.optionalEnum("proof", Proof.class),
                json.optionalBoolean("addressCollectedInSale", false),
                json.optionalBoolean("objectionOffered", false));
    }

    private static Objection objection(JsonFields json) {
        json.rejectUnknown(OBJECTION);
        List<String> channelNames = json.strings("channels");
        boolean all = channelNames.isEmpty();
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (int i = 0; i < channelNames.size(); i++) {
            String name = channelNames.get(i);
            if (name.equals("ALL")) {
                all = true;
            } else {
                try {
                    channels.add(Channel.valueOf(name));
                } catch (IllegalArgumentException e) {
                    throw JsonFields.notOneOf(json.pathOf("channels") + "[" + i + "]", name, Channel.class);
                }
            }
        }
        return new Objection(json.optionalString("id"), json.optionalInstant("at"), all, channels, topics(json, "topics"),
                json.optionalEnum("via", ObjectionRoute.class));
    }

    private static Message message(JsonFields json) {
        json.rejectUnknown(MESSAGE);
        return new Message(
                json.requiredEnum("purpose", Purpose.class),
                topics(json, "topics"),
                json.optionalBoolean("containsPromotion", false),
                json.requiredInstant("sendAt"),
                json.optionalInteger("recipientCount", 1, Integer.MAX_VALUE));
    }

    private static Policy policy(JsonFields json) {
        json.rejectUnknown(POLICY);
        Map<String, Set<String>> similar = new LinkedHashMap<>();
        json.stringListsByName("similarTopics").forEach((category, topics) -> similar.put(category, Set.copyOf(topics)));
        Integer months = json.optionalInteger("softOptInMonths", 1, MAX_SOFT_OPT_IN_MONTHS);
        List<String> localParts = json.has("offerAddressLocalParts")
                ? json.strings("offerAddressLocalParts")
                : Policy.DEFAULT_OFFER_ADDRESS_LOCAL_PARTS;
        return new Policy(similar, months == null ? Policy.DEFAULT_SOFT_OPT_IN_MONTHS : months, localParts);
    }

    /** Topics and categories: blank entries are an error, surrounding space is dropped. */
    private static List<String> topics(JsonFields json, String name) {
        List<String> topics = json.strings(name);
        for (int i = 0; i < topics.size(); i++) {
            if (topics.get(i).isBlank()) {
                throw new InvalidRequestException(json.pathOf(name) + "[" + i + "]", "a topic cannot be blank");
            }
        }
        return topics.stream().map(String::strip).toList();
    }
}
