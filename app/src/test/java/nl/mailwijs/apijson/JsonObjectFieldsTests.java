package nl.mailwijs.apijson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;

class JsonObjectFieldsTests {

    @Test
    void aBodyMustBeOneJsonObjectWithoutDuplicateKeys() {
        assertRefused(() -> parse(""), "", "empty body");
        assertRefused(() -> parse("[1]"), "", "expected a JSON object, found an array");
        assertRefused(() -> parse("{\"a\": 1} {\"b\": 2}"), "", "invalid JSON");
        assertRefused(() -> parse("{\"a\": 1, \"a\": 2}"), "", "Duplicate Object property");
        assertRefused(() -> parse("{\"a\": }"), "", "line 1, column");
    }

    @Test
    void nestedFieldsAreNamedByTheirPath() {
        JsonObjectFields json = parse("{\"addresses\": [{\"channel\": \"EMAIL\"}, {\"channel\": \"FAX\", \"extra\": 1}]}");
        JsonObjectFields second = json.objects("addresses").get(1);

        assertRefused(() -> second.requiredEnum("channel", Channel.class), "addresses[1].channel", "'FAX' is not one of EMAIL, SMS, WHATSAPP");
        assertRefused(() -> second.allowOnly(Set.of("channel", "address")), "addresses[1].extra", "allowed here: address, channel");
        assertRefused(() -> second.requiredString("address"), "addresses[1].address", "required field is missing");
    }

    @Test
    void typesAreChecked() {
        JsonObjectFields json = parse("{\"n\": 1.5, \"s\": \"x\", \"b\": null, \"id\": 0, \"list\": \"no\", \"o\": []}");

        assertRefused(() -> json.optionalString("n"), "n", "expected a string, found the number 1.5");
        assertRefused(() -> json.optionalId("s"), "s", "positive whole number");
        assertRefused(() -> json.optionalId("id"), "id", "positive whole number");
        assertRefused(() -> json.strings("list"), "list", "expected an array");
        assertRefused(() -> json.optionalObjectNode("o"), "o", "expected an object");
        assertThat(json.optionalBoolean("b", true)).as("null reads as absent").isTrue();
        assertThat(json.strings("missing")).isEmpty();
    }

    @Test
    void textThatCannotBeStoredIsRefused() {
        assertRefused(() -> StorableText.check("name", "Jan\0"), "name", "NUL");
        assertRefused(() -> StorableText.check("name", "Jan\uD800"), "name", "unpaired");
        assertThat(StorableText.check("name", "Jan 😀")).isEqualTo("Jan 😀");
    }

    private static JsonObjectFields parse(String json) {
        return JsonObjectFields.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(ThrowingCallable call, String field, String problemPart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.problem()).contains(problemPart);
        });
    }
}
