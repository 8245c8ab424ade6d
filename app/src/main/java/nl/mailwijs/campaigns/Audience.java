package nl.mailwijs.campaigns;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import nl.mailwijs.contacts.Contact;
import nl.mailwijs.engine.request.Consent;
import nl.mailwijs.engine.request.Evidence;
import nl.mailwijs.engine.request.Purchase;
import nl.mailwijs.engine.values.Topics;

/**
 * Who a campaign is for, before the law has its say: every filter given must hold (an empty
 * filter holds for everyone). Within a filter, any of its values will do. The engine then decides,
 * per recipient, whether the message may be sent.
 *
 * @param tags                 the contact has one of these tags
 * @param countries            the contact's country is one of these (ISO 3166-1 alpha-2)
 * @param purchaseCategories   the contact bought in one of these categories
 * @param purchasedWithinDays  the contact's latest purchase is at most this many days old; null: any
 * @param consentTopics        the contact consented to one of these topics
 */
public record Audience(List<String> tags, List<String> countries, List<String> purchaseCategories, Integer purchasedWithinDays,
                       List<String> consentTopics) {

    public static final Audience EVERYONE = new Audience(List.of(), List.of(), List.of(), null, List.of());

    public Audience {
        tags = tags == null ? List.of() : List.copyOf(tags);
        countries = countries == null ? List.of() : List.copyOf(countries);
        purchaseCategories = purchaseCategories == null ? List.of() : List.copyOf(purchaseCategories);
        consentTopics = consentTopics == null ? List.of() : List.copyOf(consentTopics);
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
        if (!purchaseCategories.isEmpty()) {
            Set<String> wanted = keys(purchaseCategories);
            boolean bought = evidence.purchases().stream()
                    .anyMatch(purchase -> purchase.categories().stream().map(Topics::key).anyMatch(wanted::contains));
            if (!bought) {
                return false;
            }
        }
        if (purchasedWithinDays != null) {
            Instant since = now.minus(purchasedWithinDays, ChronoUnit.DAYS);
            if (evidence.purchases().stream().map(Purchase::date).noneMatch(date -> date != null && !date.isBefore(since))) {
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
        return true;
    }

    private static Set<String> keys(List<String> values) {
        return Set.copyOf(values.stream().map(Topics::key).toList());
    }
}
