package nl.mailwijs.campaigns;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.ContactAddress;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Consent;
import nl.mailwijs.engine.request.Evidence;
import nl.mailwijs.engine.request.Purchase;
import nl.mailwijs.engine.values.Topics;

/**
 * Who a campaign is for, before the law has its say: every filter given must hold (an empty
 * filter holds for everyone). Within a filter, any of its values will do. The engine then decides,
 * per recipient, whether the message may be sent.
 *
 * <p>The purchase filters (categories, days, dates) hold together for one purchase: "bought
 * photo prints in January" is one sale in that category in that month, not a sale of prints at
 * any time and some other sale in January. Days are UTC days, as the dates of evidence are.
 *
 * @param tags                 the contact has one of these tags
 * @param countries            the contact's country is one of these (ISO 3166-1 alpha-2)
 * @param purchaseCategories   the contact bought in one of these categories
 * @param purchasedWithinDays  the purchase is at most this many days old; null: any
 * @param consentTopics        the contact consented to one of these topics
 * @param attributes           per attribute name (exact), the values accepted (any of them, compared without regard to
 *                             case); every attribute named must match. An attribute holding a list matches when one of its
 *                             elements does; numbers and booleans are compared as written ({@code 42}, {@code true})
 * @param purchasedAfter       the purchase is on this day or later; null: any
 * @param purchasedBefore      the purchase is before this day (the day itself not included), so after 2026-01-01 and
 *                             before 2026-02-01 is January; null: any
 * @param channels             the contact has an address on one of these channels. Mailwijs sends e-mail only today, so a
 *                             recipient also needs an e-mail address: [SMS] means "has a mobile number as well"
 */
public record Audience(List<String> tags, List<String> countries, List<String> purchaseCategories, Integer purchasedWithinDays,
                       List<String> consentTopics, Map<String, List<String>> attributes, LocalDate purchasedAfter,
                       LocalDate purchasedBefore, List<Channel> channels) {

    public static final Audience EVERYONE = new Audience(List.of(), List.of(), List.of(), null, List.of());

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_VALUES = 1_000;

    public Audience {
        tags = tags == null ? List.of() : List.copyOf(tags);
        countries = countries == null ? List.of() : List.copyOf(countries);
        purchaseCategories = purchaseCategories == null ? List.of() : List.copyOf(purchaseCategories);
        consentTopics = consentTopics == null ? List.of() : List.copyOf(consentTopics);
        channels = channels == null ? List.of() : List.copyOf(channels);
        if (attributes == null) {
            attributes = Map.of();
        } else {
            // Insertion order kept, so a saved segment reads back as it was written.
            Map<String, List<String>> copy = new LinkedHashMap<>();
            attributes.forEach((name, values) -> copy.put(name, values == null ? null : List.copyOf(values)));
            attributes = java.util.Collections.unmodifiableMap(copy);
        }
    }

    /** The filters as they were before attributes, purchase dates and channels. */
    public Audience(List<String> tags, List<String> countries, List<String> purchaseCategories, Integer purchasedWithinDays,
                    List<String> consentTopics) {
        this(tags, countries, purchaseCategories, purchasedWithinDays, consentTopics, null, null, null, null);
    }

    /**
     * Refuses a filter that cannot mean what its author meant, naming it (under {@code prefix},
     * e.g. {@code audience.}): a blank value, an attribute without values, a date range that
     * ends before it starts.
     */
    public void check(String prefix) {
        blanks(prefix + "tags", tags);
        blanks(prefix + "countries", countries);
        blanks(prefix + "purchaseCategories", purchaseCategories);
        blanks(prefix + "consentTopics", consentTopics);
        if (purchasedWithinDays != null && purchasedWithinDays < 0) {
            throw new InvalidRequestException(prefix + "purchasedWithinDays", "must be 0 or more");
        }
        for (Map.Entry<String, List<String>> attribute : attributes.entrySet()) {
            String field = prefix + "attributes." + attribute.getKey();
            if (attribute.getKey().isBlank()) {
                throw new InvalidRequestException(prefix + "attributes", "an attribute name is blank");
            }
            if (attribute.getValue() == null || attribute.getValue().isEmpty()) {
                throw new InvalidRequestException(field, "list the values to accept, e.g. [\"Utrecht\", \"Zwolle\"]");
            }
            blanks(field, attribute.getValue());
        }
        if (purchasedAfter != null && purchasedBefore != null && !purchasedBefore.isAfter(purchasedAfter)) {
            throw new InvalidRequestException(prefix + "purchasedBefore", "must be a later day than purchasedAfter (" + purchasedAfter
                    + "); purchasedBefore is the first day no longer included");
        }
    }

    private static void blanks(String field, List<String> values) {
        if (values.size() > MAX_VALUES) {
            throw new InvalidRequestException(field, "more than " + MAX_VALUES + " values");
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isBlank()) {
                throw new InvalidRequestException(field + "[" + i + "]", "is blank");
            }
        }
    }

    /** Whether a pre-flight must read the contacts' addresses on every channel, not only e-mail. */
    boolean needsEveryChannel() {
        return !channels.isEmpty();
    }

    public boolean matches(Contact contact, Evidence evidence, Instant now) {
        if (!tags.isEmpty()) {
            Set<String> wanted = keys(tags);
            if (contact.tags().stream().map(Topics::key).noneMatch(wanted::contains)) {
                return false;
            }
        }
        if (!countries.isEmpty() && countries.stream().noneMatch(country -> country.equalsIgnoreCase(contact.country()))) {
            return false;
        }
        if (!channels.isEmpty() && contact.addresses().stream().map(ContactAddress::channel).noneMatch(channels::contains)) {
            return false;
        }
        if (filtersPurchases()) {
            Set<String> categories = keys(purchaseCategories);
            if (evidence.purchases().stream().noneMatch(purchase -> purchaseMatches(purchase, categories, now))) {
                return false;
            }
        }
        if (!consentTopics.isEmpty()) {
            Set<String> wanted = keys(consentTopics);
            boolean consented = evidence.consents().stream().map(Consent::topics)
                    .anyMatch(topics -> topics.stream().map(Topics::key).anyMatch(wanted::contains));
            if (!consented) {
                return false;
            }
        }
        return attributes.isEmpty() || attributesMatch(contact.attributes());
    }

    /** Whether matching looks at a contact's purchases or consents, which live in the ledger. */
    boolean needsEvidence() {
        return filtersPurchases() || !consentTopics.isEmpty();
    }

    private boolean filtersPurchases() {
        return !purchaseCategories.isEmpty() || purchasedWithinDays != null || purchasedAfter != null || purchasedBefore != null;
    }

    private boolean purchaseMatches(Purchase purchase, Set<String> categories, Instant now) {
        if (!categories.isEmpty()) {
            if (purchase.categories().stream().map(Topics::key).noneMatch(categories::contains)) {
                return false;
            }
        }
        Instant date = purchase.date();
        if (date == null) {
            return purchasedWithinDays == null && purchasedAfter == null && purchasedBefore == null;
        }
        if (purchasedWithinDays != null && date.isBefore(now.minus(purchasedWithinDays, ChronoUnit.DAYS))) {
            return false;
        }
        if (purchasedAfter != null && date.isBefore(purchasedAfter.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            return false;
        }
        return purchasedBefore == null || date.isBefore(purchasedBefore.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private boolean attributesMatch(String json) {
        if (json == null || json.isBlank()) {
            return false;
        }
        JsonNode object;
        try {
            object = JSON.readTree(json);
        } catch (JacksonException e) {
            // Contacts store their attributes validated; a row that is not JSON matches no attribute filter.
            return false;
        }
        if (object == null || !object.isObject()) {
            return false;
        }
        for (Map.Entry<String, List<String>> attribute : attributes.entrySet()) {
            JsonNode value = object.get(attribute.getKey());
            Set<String> wanted = keys(attribute.getValue());
            if (value == null || !valueMatches(value, wanted)) {
                return false;
            }
        }
        return true;
    }

    private static boolean valueMatches(JsonNode value, Set<String> wanted) {
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (valueMatches(element, wanted)) {
                    return true;
                }
            }
            return false;
        }
        if (value.isString() || value.isNumber() || value.isBoolean()) {
            String text = value.isString() ? value.stringValue() : value.toString();
            return wanted.contains(Topics.key(text));
        }
        return false;
    }

    private static Set<String> keys(List<String> values) {
        return Set.copyOf(values.stream().map(Topics::key).toList());
    }
}
