package nl.mailwijs.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import nl.mailwijs.contacts.Contact;
import nl.mailwijs.contacts.ContactAddress;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Evidence;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.Purchase;
import nl.mailwijs.engine.request.RecipientKind;

/** Segments' filters: contact attributes, purchase dates and channels, each with the others. */
class AudienceTests {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    private static final Instant ADDED = Instant.parse("2026-01-01T00:00:00Z");

    private static Contact contact(String attributes, Channel... channels) {
        List<ContactAddress> addresses = java.util.Arrays.stream(channels).map(channel -> channel == Channel.EMAIL
                ? new ContactAddress(channel, "klant@example.nl", "example.nl", ADDED)
                : new ContactAddress(channel, "+31612345678", null, ADDED)).toList();
        return new Contact(1, RecipientKind.NATURAL_PERSON, "NL", "Klant", "k-1", List.of("vip"), attributes, ADDED, addresses);
    }

    private static Evidence purchases(Purchase... purchases) {
        return new Evidence(List.of(), List.of(purchases), List.of(), List.of());
    }

    private static Purchase purchase(String date, String... categories) {
        return new Purchase("o-" + date, Instant.parse(date), List.of(categories), Proof.ORDER, true, true);
    }

    private static Audience attributes(Map<String, List<String>> attributes) {
        return new Audience(null, null, null, null, null, attributes, null, null, null);
    }

    private static Audience purchasedBetween(String after, String before, String... categories) {
        return new Audience(null, null, List.of(categories), null, null, null, after == null ? null : LocalDate.parse(after),
                before == null ? null : LocalDate.parse(before), null);
    }

    private static Audience channels(Channel... channels) {
        return new Audience(null, null, null, null, null, null, null, null, List.of(channels));
    }

    @Test
    void anAttributeMatchesAnyOfItsValuesWithoutRegardToCase() {
        Audience cities = attributes(Map.of("city", List.of("Utrecht", "Zwolle")));

        assertThat(cities.matches(contact("{\"city\": \"utrecht\"}", Channel.EMAIL), Evidence.NONE, NOW)).isTrue();
        assertThat(cities.matches(contact("{\"city\": \"ZWOLLE \"}", Channel.EMAIL), Evidence.NONE, NOW)).isTrue();
        assertThat(cities.matches(contact("{\"city\": \"Amsterdam\"}", Channel.EMAIL), Evidence.NONE, NOW)).isFalse();
        assertThat(cities.matches(contact("{\"town\": \"Utrecht\"}", Channel.EMAIL), Evidence.NONE, NOW)).as("another attribute").isFalse();
        assertThat(cities.matches(contact("{}", Channel.EMAIL), Evidence.NONE, NOW)).isFalse();
        assertThat(cities.matches(contact(null, Channel.EMAIL), Evidence.NONE, NOW)).isFalse();
        assertThat(cities.matches(contact("{\"city\": null}", Channel.EMAIL), Evidence.NONE, NOW)).isFalse();
    }

    @Test
    void everyAttributeNamedMustMatchAndListsNumbersAndBooleansAreReadAsWritten() {
        Audience both = attributes(Map.of("city", List.of("Utrecht"), "segment", List.of("retail")));
        assertThat(both.matches(contact("{\"city\": \"Utrecht\", \"segment\": \"Retail\"}", Channel.EMAIL), Evidence.NONE, NOW)).isTrue();
        assertThat(both.matches(contact("{\"city\": \"Utrecht\", \"segment\": \"wholesale\"}", Channel.EMAIL), Evidence.NONE, NOW)).isFalse();

        assertThat(attributes(Map.of("interests", List.of("fietsen"))).matches(
                contact("{\"interests\": [\"koken\", \"Fietsen\"]}", Channel.EMAIL), Evidence.NONE, NOW)).isTrue();
        assertThat(attributes(Map.of("stores", List.of("42"))).matches(contact("{\"stores\": 42}", Channel.EMAIL), Evidence.NONE, NOW))
                .isTrue();
        assertThat(attributes(Map.of("member", List.of("TRUE"))).matches(contact("{\"member\": true}", Channel.EMAIL), Evidence.NONE, NOW))
                .isTrue();
        assertThat(attributes(Map.of("address", List.of("Utrecht"))).matches(
                contact("{\"address\": {\"city\": \"Utrecht\"}}", Channel.EMAIL), Evidence.NONE, NOW)).as("an object is no value").isFalse();
    }

    @Test
    void aPurchaseDateRangeIncludesItsFirstDayAndExcludesTheDayItIsBefore() {
        Audience january = purchasedBetween("2026-01-01", "2026-02-01");
        Contact contact = contact("{}", Channel.EMAIL);

        assertThat(january.matches(contact, purchases(purchase("2026-01-01T00:00:00Z")), NOW)).isTrue();
        assertThat(january.matches(contact, purchases(purchase("2026-01-31T23:59:59Z")), NOW)).isTrue();
        assertThat(january.matches(contact, purchases(purchase("2026-02-01T00:00:00Z")), NOW)).isFalse();
        assertThat(january.matches(contact, purchases(purchase("2025-12-31T23:59:59Z")), NOW)).isFalse();
        assertThat(january.matches(contact, purchases(purchase("2025-12-01T10:00:00Z"), purchase("2026-01-15T10:00:00Z")), NOW)).isTrue();
        assertThat(january.matches(contact, Evidence.NONE, NOW)).as("no purchase").isFalse();

        assertThat(purchasedBetween("2026-03-01", null).matches(contact, purchases(purchase("2026-06-01T00:00:00Z")), NOW)).isTrue();
        assertThat(purchasedBetween(null, "2026-03-01").matches(contact, purchases(purchase("2026-06-01T00:00:00Z")), NOW)).isFalse();
    }

    @Test
    void theCategoryAndTheDatesMustHoldForTheSamePurchase() {
        Audience printsInJanuary = purchasedBetween("2026-01-01", "2026-02-01", "photo-prints");
        Contact contact = contact("{}", Channel.EMAIL);

        assertThat(printsInJanuary.matches(contact, purchases(purchase("2026-01-10T10:00:00Z", "Photo-Prints")), NOW)).isTrue();
        assertThat(printsInJanuary.matches(contact, purchases(purchase("2026-03-10T10:00:00Z", "photo-prints"),
                purchase("2026-01-10T10:00:00Z", "frames")), NOW)).as("prints in March, frames in January").isFalse();

        Audience recentPrints = new Audience(null, null, List.of("photo-prints"), 30, null);
        assertThat(recentPrints.matches(contact, purchases(purchase("2026-06-01T10:00:00Z", "photo-prints")), NOW)).isTrue();
        assertThat(recentPrints.matches(contact, purchases(purchase("2026-01-01T10:00:00Z", "photo-prints"),
                purchase("2026-06-01T10:00:00Z", "frames")), NOW)).isFalse();
    }

    @Test
    void aChannelFilterAsksForAnAddressOnOneOfItsChannels() {
        Contact emailOnly = contact("{}", Channel.EMAIL);
        Contact withMobile = contact("{}", Channel.EMAIL, Channel.SMS);

        assertThat(channels(Channel.SMS).matches(emailOnly, Evidence.NONE, NOW)).isFalse();
        assertThat(channels(Channel.SMS).matches(withMobile, Evidence.NONE, NOW)).isTrue();
        assertThat(channels(Channel.SMS, Channel.WHATSAPP).matches(withMobile, Evidence.NONE, NOW)).isTrue();
        assertThat(channels(Channel.WHATSAPP).matches(withMobile, Evidence.NONE, NOW)).isFalse();
        assertThat(channels(Channel.EMAIL).matches(emailOnly, Evidence.NONE, NOW)).isTrue();
        assertThat(channels(Channel.SMS).needsEveryChannel()).isTrue();
        assertThat(Audience.EVERYONE.needsEveryChannel()).isFalse();
        assertThat(Audience.EVERYONE.matches(emailOnly, Evidence.NONE, NOW)).isTrue();
    }

    @Test
    void aFilterThatCannotMeanWhatWasMeantIsRefusedNamingIt() {
        assertThatThrownBy(() -> purchasedBetween("2026-02-01", "2026-02-01").check("audience."))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("audience.purchasedBefore: must be a later day");
        assertThatThrownBy(() -> attributes(Map.of("city", List.of())).check("audience."))
                .hasMessageStartingWith("audience.attributes.city: list the values");
        assertThatThrownBy(() -> attributes(Map.of("city", List.of("Utrecht", " "))).check("audience."))
                .hasMessageStartingWith("audience.attributes.city[1]: is blank");
        assertThatThrownBy(() -> new Audience(List.of(""), null, null, null, null).check("audience."))
                .hasMessageStartingWith("audience.tags[0]: is blank");
        assertThatThrownBy(() -> new Audience(null, null, null, -1, null).check("audience."))
                .hasMessageStartingWith("audience.purchasedWithinDays");
        purchasedBetween("2026-01-01", "2026-01-02").check("audience.");
    }

    @Test
    void aSavedAudienceReadsBackAsWrittenAndAnOldOneWithoutTheNewFiltersStillReads() {
        JsonMapper json = JsonMapper.builder().build();
        Audience written = new Audience(List.of("vip"), List.of("NL"), List.of("photo-prints"), 90, List.of("news"),
                Map.of("city", List.of("Utrecht")), LocalDate.parse("2026-01-01"), LocalDate.parse("2026-02-01"), List.of(Channel.SMS));

        assertThat(json.readValue(json.writeValueAsString(written), Audience.class)).isEqualTo(written);
        Audience old = json.readValue("""
                {"tags": ["vip"], "countries": [], "purchaseCategories": [], "purchasedWithinDays": null, "consentTopics": []}""",
                Audience.class);
        assertThat(old).isEqualTo(new Audience(List.of("vip"), null, null, null, null));
        assertThat(old.attributes()).isEmpty();
        assertThat(old.channels()).isEmpty();
    }
}
