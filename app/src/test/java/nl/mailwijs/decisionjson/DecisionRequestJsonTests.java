package nl.mailwijs.decisionjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.DecisionRequest;
import nl.mailwijs.engine.request.Policy;

class DecisionRequestJsonTests {

    @Test
    void readsTheFullExampleOfTheFormat() {
        DecisionRequest request = DecisionRequestJson.read(baseline());

        assertThat(request.sender().legalName()).isEqualTo("Fotostudio Jansen B.V.");
        assertThat(request.recipient().channel()).isEqualTo(Channel.EMAIL);
        assertThat(request.message().sendAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(request.evidence().consents()).hasSize(1);
        assertThat(request.policy().similarTo("portrait-photography")).contains("photo-prints");
    }

    @Test
    void onlyTheRequiredFieldsAreNeeded() {
        DecisionRequest request = DecisionRequestJson.read("""
                {"sender":{"legalName":"A B.V.","country":"NL"},
                 "recipient":{"kind":"NATURAL_PERSON","country":"NL","channel":"EMAIL","address":"a@example.nl"},
                 "message":{"purpose":"COMMERCIAL","sendAt":"2026-11-23"}}""");

        assertThat(request.policy()).isEqualTo(Policy.NL_DEFAULT);
        assertThat(request.evidence().purchases()).isEmpty();
        assertThat(request.message().sendAt()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
    }

    @Test
    void anUnknownFieldIsNamedWithASuggestion() {
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> object(root, "sender").put("legalname", "X"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("sender.legalname");
                    assertThat(e.problem()).contains("unknown field").contains("did you mean 'legalName'");
                });
    }

    @Test
    void anUnknownFieldInsideAnEvidenceListNamesItsIndex() {
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> firstConsent(root).put("ip", "1.2.3.4"))))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("evidence.consents[0].ip"));
    }

    @ParameterizedTest
    @CsvSource({
            "sender, legalName", "sender, country", "recipient, kind", "recipient, country",
            "recipient, channel", "recipient, address", "message, purpose", "message, sendAt"})
    void aMissingRequiredFieldIsNamed(String object, String field) {
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> object(root, object).remove(field))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo(object + "." + field);
                    assertThat(e.problem()).isEqualTo("required field is missing");
                });
    }

    @Test
    void aMissingRequiredObjectIsNamed() {
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> root.remove("message"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("message"));
    }

    @Test
    void aBadEnumValueListsTheAllowedValues() {
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> firstConsent(root).put("method", "CHECKBOX"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("evidence.consents[0].method");
                    assertThat(e.problem()).contains("'CHECKBOX'").contains("UNTICKED_CHECKBOX");
                });
    }

    @ParameterizedTest
    @CsvSource({"2026-13-01", "23-11-2026", "yesterday", "2026-11-23 10:00"})
    void aBadDateIsNamed(String date) {
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> object(root, "message").put("sendAt", date))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("message.sendAt");
                    assertThat(e.problem()).contains(date).contains("ISO-8601");
                });
    }

    @Test
    void aTimeWithoutZoneAsksForOne() {
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> object(root, "message").put("sendAt", "2026-11-23T10:00:00"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problem()).contains("add Z for UTC"));
    }

    @Test
    void anOffsetTimeIsReadAsTheSameInstant() {
        DecisionRequest request = DecisionRequestJson.read(with(root -> object(root, "message").put("sendAt", "2026-11-23T11:00:00+01:00")));

        assertThat(request.message().sendAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void aWrongTypeSaysWhatWasExpected() {
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> object(root, "recipient").put("publishedForOffers", "yes"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("recipient.publishedForOffers");
                    assertThat(e.problem()).isEqualTo("expected true or false, found the string \"yes\"");
                });
    }

    @Test
    void invalidJsonSaysWhere() {
        assertThatThrownBy(() -> DecisionRequestJson.read("{\"sender\": {\"legalName\": \"X\",}"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEmpty();
                    assertThat(e.problem()).startsWith("invalid JSON").contains("line 1");
                });
    }

    @Test
    void aDuplicateFieldIsAnError() {
        assertThatThrownBy(() -> DecisionRequestJson.read("{\"policy\":{},\"policy\":{}}"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problem()).contains("policy"));
    }

    @Test
    void somethingOtherThanAnObjectIsRefused() {
        assertThatThrownBy(() -> DecisionRequestJson.read("[1,2]"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problem()).contains("expected a JSON object"));
        assertThatThrownBy(() -> DecisionRequestJson.read("   "))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problem()).contains("empty input"));
        assertThatThrownBy(() -> DecisionRequestJson.read("{} {}"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problem()).contains("after the JSON object"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jan.example.nl | not an e-mail address",
            "jan@@example.nl | more than one @",
            "jan @example.nl | a space, control or invisible character",
            "jan@example | invalid domain",
            "jan..x@example.nl | misplaced dot"})
    void aBadEmailAddressIsNamed(String address, String problem) {
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> object(root, "recipient").put("address", address))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("recipient.address");
                    assertThat(e.problem()).contains(problem);
                });
    }

    @Test
    void anEmailDomainIsLowerCasedAndTheLocalPartKeptWithItsTag() {
        DecisionRequest request = DecisionRequestJson.read(with(root -> object(root, "recipient").put("address", " Jan+Nieuwsbrief@Example.NL ")));

        assertThat(request.recipient().address()).isEqualTo("Jan+Nieuwsbrief@example.nl");
    }

    @Test
    void aPhoneNumberIsNormalisedToE164() {
        DecisionRequest request = DecisionRequestJson.read(with(root -> {
            object(root, "recipient").put("channel", "SMS");
            object(root, "recipient").put("address", "+31 6 1234-5678");
        }));

        assertThat(request.recipient().address()).isEqualTo("+31612345678");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0612345678 | lacks the country code", "+31 6 12 | E.164", "+31-6-abc | E.164"})
    void aBadPhoneNumberIsNamed(String phone, String problem) {
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> {
            object(root, "recipient").put("channel", "WHATSAPP");
            object(root, "recipient").put("address", phone);
        }))).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).isEqualTo("recipient.address");
            assertThat(e.problem()).contains(problem);
        });
    }

    @ParameterizedTest
    @CsvSource({"UK, use GB", "EL, use GR", "XX, e.g. NL", "Nederland, e.g. NL"})
    void anUnknownCountryIsRefusedWithAHint(String country, String hint) {
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> object(root, "recipient").put("country", country))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("recipient.country");
                    assertThat(e.problem()).contains(hint);
                });
    }

    @Test
    void aLowerCaseCountryIsAccepted() {
        assertThat(DecisionRequestJson.read(with(root -> object(root, "recipient").put("country", "us"))).recipient().country())
                .isEqualTo("US");
    }

    @Test
    void objectionChannelsMayBeAll() {
        DecisionRequest request = DecisionRequestJson.read(with(root -> object(root, "evidence").put("objections",
                List.of(new LinkedHashMap<>(Map.of("at", "2026-01-01", "channels", List.of("ALL"), "via", "PHONE"))))));

        assertThat(request.evidence().objections().getFirst().covers(Channel.WHATSAPP)).isTrue();
    }

    @Test
    void aSoftOptInTermOutOfRangeIsNamed() {
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> object(root, "policy").put("softOptInMonths", 0))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("policy.softOptInMonths");
                    assertThat(e.problem()).contains("between 1 and 600");
                });
    }

    @Test
    void aRecipientCountOfZeroIsRefused() {
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> object(root, "message").put("recipientCount", 0))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("message.recipientCount"));
    }

    @Test
    void aBlankTopicIsRefused() {
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> object(root, "message").put("topics", List.of("ok", " ")))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("message.topics[1]"));
    }

    @ParameterizedTest
    @CsvSource({"+999999999-01-01T00:00:00Z", "0000-01-01", "10000-01-01T00:00:00Z"})
    void yearsOutsideOneToNineThousandNineHundredNinetyNineAreRefused(String time) {
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> object(root, "message").put("sendAt", time))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("message.sendAt"));
    }

    @ParameterizedTest
    @CsvSource({"2026-11-23T10:00Z, 2026-11-23T10:00:00Z", "2026-11-23T10:00:00.5z, 2026-11-23T10:00:00.500Z",
            "2026-11-23T11:00+01:00, 2026-11-23T10:00:00Z"})
    void isoTimesWithoutSecondsOrWithFractionsAreRead(String time, String instant) {
        assertThat(DecisionRequestJson.read(with(root -> object(root, "message").put("sendAt", time))).message().sendAt())
                .isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a<b>,c@example.nl | only allowed inside quotes",
            "jan\u00a0x@example.nl | invisible",
            "\u202ejan@example.nl | invisible",
            "jan@123.456 | the last part is a number"})
    void addressesWithSpecialsOrInvisibleCharactersAreRefused(String address, String problem) {
        String unescaped = address.replace("\\u00a0", "\u00a0").replace("\\u202e", "\u202e");
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> object(root, "recipient").put("address", unescaped))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("recipient.address");
                    assertThat(e.problem()).contains(problem);
                });
    }

    @Test
    void echoedInputStaysOnOneLineAndIsCut() {
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> object(root, "message").put("purpose", "COMM\nERCIAL\u001b[31m"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u001b").contains("COMM\\u000aERCIAL\\u001b[31m");
                });
        assertThatThrownBy(() -> DecisionRequestJson.read(with(root -> object(root, "message").put("purpose", "X".repeat(100_000)))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getMessage()).hasSizeLessThan(500));
    }

    // The baseline is the scenario p01 request; each test changes one thing in its tree.

    static String baseline() {
        return TreeJson.write(baselineTree());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> baselineTree() {
        try (InputStream in = DecisionRequestJsonTests.class.getResourceAsStream("/scenarios/p01-consent-checkbox.json")) {
            Map<String, Object> scenario = (Map<String, Object>) JsonTree.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (Map<String, Object>) scenario.get("request");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String with(Consumer<Map<String, Object>> change) {
        Map<String, Object> root = baselineTree();
        change.accept(root);
        return TreeJson.write(root);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> root, String name) {
        return (Map<String, Object>) root.get(name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstConsent(Map<String, Object> root) {
        List<Object> consents = new ArrayList<>((List<Object>) object(root, "evidence").get("consents"));
        object(root, "evidence").put("consents", consents);
        return (Map<String, Object>) consents.getFirst();
    }
}
