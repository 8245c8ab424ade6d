package nl.mailwijs.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CanonicalJsonTests {

    @Test
    void keysAreSortedAtEveryDepthWithoutWhitespace() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("d", true);
        inner.put("c", null);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("b", List.of(2L, "x", List.of()));
        outer.put("a", inner);

        assertThat(CanonicalJson.write(outer)).isEqualTo("{\"a\":{\"c\":null,\"d\":true},\"b\":[2,\"x\",[]]}");
    }

    @Test
    void insertionOrderDoesNotMatter() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("givenAt", "2024-03-01T10:00:00Z");
        one.put("channels", List.of("EMAIL"));
        Map<String, Object> other = new HashMap<>();
        other.put("channels", List.of("EMAIL"));
        other.put("givenAt", "2024-03-01T10:00:00Z");

        assertThat(CanonicalJson.write(one)).isEqualTo(CanonicalJson.write(other));
    }

    @Test
    void keysSortByUtf16CodeUnitsAsRfc8785Does() {
        Map<String, Object> keys = new HashMap<>();
        for (String key : new String[] {"\uFFFD", "😀", "é", "z", "A"}) {
            keys.put(key, 1L);
        }

        // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FFFD by code unit.
        assertThat(CanonicalJson.write(keys)).isEqualTo("{\"A\":1,\"z\":1,\"é\":1,\"😀\":1,\"\uFFFD\":1}");
    }

    @Test
    void onlyQuoteBackslashAndControlCharactersAreEscaped() {
        assertThat(CanonicalJson.write("a\"b\\c\n\t\u0001\u001f/é€😀\u007f"))
                .isEqualTo("\"a\\\"b\\\\c\\n\\t\\u0001\\u001f/é€😀\u007f\"");
    }

    @Test
    void rawJsonIsEmbeddedAsItIs() {
        assertThat(CanonicalJson.write(Map.of("content", new CanonicalJson.Raw("{\"a\":1}"), "id", 7)))
                .isEqualTo("{\"content\":{\"a\":1},\"id\":7}");
    }

    @Test
    void valuesWithoutOneCanonicalFormAreRefused() {
        // 0.1 has several JSON spellings; the ledger stores no fractions.
        assertThatThrownBy(() -> CanonicalJson.write(0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.write(Arrays.asList(new Object()))).isInstanceOf(IllegalArgumentException.class);
    }
}
