package nl.mailwijs.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.engine.request.RecipientKind;

class ValuesTests {

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "yes", "Ja", "j", "Y", "1", " ja "})
    @DisplayName("yes in the words exports use")
    void yes(String raw) {
        assertThat(Values.bool("flag", raw)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "false", "No", "NEE", "n", "0", "  "})
    @DisplayName("no, and empty is no")
    void no(String raw) {
        assertThat(Values.bool("flag", raw)).isFalse();
    }

    @Test
    @DisplayName("anything else names the column and says what is accepted")
    void notABoolean() {
        assertThatThrownBy(() -> Values.bool("objection_offered", "misschien"))
                .isInstanceOfSatisfying(BadValueException.class, e -> {
                    assertThat(e.column()).isEqualTo("objection_offered");
                    assertThat(e.problem()).contains("'misschien'", "ja/nee");
                });
    }

    @ParameterizedTest
    @CsvSource({
            "2026-01-12,             2026-01-12T00:00:00Z",
            "12-01-2026,             2026-01-12T00:00:00Z",
            "1-2-2026,               2026-02-01T00:00:00Z",
            "2026-01-12T10:15:30Z,   2026-01-12T10:15:30Z",
            "2026-01-12T10:15:30z,   2026-01-12T10:15:30Z",
            "2026-01-12T10:15:30.5Z, 2026-01-12T10:15:30.500Z",
            "2026-01-12T11:15:30+01:00, 2026-01-12T10:15:30Z",
            "2026-01-12 10:15:30Z,   2026-01-12T10:15:30Z"})
    @DisplayName("ISO dates (00:00 UTC), Dutch dd-mm-yyyy dates and ISO times with a zone")
    void dates(String raw, String expected) {
        assertThat(Instant.ofEpochMilli(Values.epochMillis("date", raw))).isEqualTo(Instant.parse(expected));
    }

    @Test
    @DisplayName("an empty date is no date")
    void emptyDate() {
        assertThat(Values.epochMillis("date", " ")).isEqualTo(Values.NO_TIME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"31-02-2026", "2026-02-30", "2026-13-01", "12/01/2026", "gisteren", "2026-01-12T25:00:00Z"})
    @DisplayName("an impossible or unknown date names the column and shows the forms accepted")
    void badDates(String raw) {
        assertThatThrownBy(() -> Values.epochMillis("date", raw))
                .isInstanceOfSatisfying(BadValueException.class, e -> {
                    assertThat(e.column()).isEqualTo("date");
                    assertThat(e.problem()).contains("'" + raw + "'", "2026-11-23");
                });
    }

    @Test
    @DisplayName("a time without a zone is refused: guessing it could move a consent past the send")
    void timeWithoutZone() {
        assertThatThrownBy(() -> Values.epochMillis("given_at", "2026-01-12T10:15:30"))
                .isInstanceOfSatisfying(BadValueException.class, e -> assertThat(e.problem()).contains("add Z for UTC"));
    }

    @Test
    @DisplayName("a send time keeps its sub-millisecond part; a date means midnight UTC")
    void commandLineInstant() {
        assertThat(Values.instant("--send-at", "2026-11-23T10:00:00.123456Z")).isEqualTo(Instant.parse("2026-11-23T10:00:00.123456Z"));
        assertThat(Values.instant("--send-at", "23-11-2026")).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource({"INVOICE, INVOICE", "invoice, INVOICE", " Order , ORDER"})
    @DisplayName("enum values in any case and with spaces around")
    void enums(String raw, Proof expected) {
        assertThat(Values.optionalEnum("proof", raw, Proof.class)).isEqualTo(expected);
    }

    @Test
    @DisplayName("an enum value may use '-' or a space for '_'; empty is no value")
    void enumSeparators() {
        assertThat(Values.optionalEnum("method", "double-opt-in", ConsentMethod.class)).isEqualTo(ConsentMethod.DOUBLE_OPT_IN);
        assertThat(Values.optionalEnum("method", "Unticked checkbox", ConsentMethod.class)).isEqualTo(ConsentMethod.UNTICKED_CHECKBOX);
        assertThat(Values.optionalEnum("method", "", ConsentMethod.class)).isNull();
    }

    @Test
    @DisplayName("an unknown enum value lists the values there are")
    void unknownEnum() {
        assertThatThrownBy(() -> Values.optionalEnum("proof", "bonnetje", Proof.class))
                .isInstanceOfSatisfying(BadValueException.class, e -> {
                    assertThat(e.column()).isEqualTo("proof");
                    assertThat(e.problem()).contains("'bonnetje'", "ORDER, INVOICE, PAYMENT, CONTRACT, NONE");
                });
        assertThatThrownBy(() -> Values.requiredEnum("type", " ", Proof.class)).hasMessageContaining("empty");
    }

    @ParameterizedTest
    @CsvSource({
            "'',             NATURAL_PERSON",
            "person,         NATURAL_PERSON",
            "Persoon,        NATURAL_PERSON",
            "consument,      NATURAL_PERSON",
            "natural person, NATURAL_PERSON",
            "business,       LEGAL_ENTITY",
            "Bedrijf,        LEGAL_ENTITY",
            "LEGAL_ENTITY,   LEGAL_ENTITY"})
    @DisplayName("the kind of contact in the words exports use; empty is a consumer, the cautious reading")
    void kinds(String raw, RecipientKind expected) {
        assertThat(Values.kind("kind", raw)).isEqualTo(expected);
    }

    @Test
    @DisplayName("an unknown kind is refused")
    void unknownKind() {
        assertThatThrownBy(() -> Values.kind("kind", "vereniging")).isInstanceOf(BadValueException.class).hasMessageContaining("kind");
    }

    @Test
    @DisplayName("lists are separated by '|', entries stripped, empty entries dropped")
    void lists() {
        assertThat(Values.list(" photo-prints | photo-albums||")).containsExactly("photo-prints", "photo-albums");
        assertThat(Values.list("")).isEmpty();
        assertThat(Values.list("single")).containsExactly("single");
    }

    @Test
    @DisplayName("an objection that names no channel, or ALL, objects on every channel (NL-AVG-21); a consent must name its channels")
    void channelsOfObjectionsAndConsents() {
        assertThat(Values.objectionChannels("").all()).isTrue();
        assertThat(Values.objectionChannels("email|ALL").all()).isTrue();
        assertThat(Values.objectionChannels("EMAIL|sms")).isEqualTo(new Values.ObjectionChannels(false,
                java.util.EnumSet.of(nl.mailwijs.engine.request.Channel.EMAIL, nl.mailwijs.engine.request.Channel.SMS)));
        assertThatThrownBy(() -> Values.objectionChannels("FAX"))
                .isInstanceOfSatisfying(BadValueException.class, e -> assertThat(e.problem()).contains("is not ALL or one of"));
        assertThat(Values.consentChannels("whatsapp")).containsExactly(nl.mailwijs.engine.request.Channel.WHATSAPP);
        assertThatThrownBy(() -> Values.consentChannels(" ")).isInstanceOf(BadValueException.class);
    }
}
