package nl.mailwijs.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.testing.TestDatabase;

class SettingsStoreTests {

    private static SettingsChange jansen(String legalName, Integer months) {
        return new SettingsChange(legalName, "Fotostudio Jansen", "12345678", "Dorpsstraat 1, 1234 AB Utrecht", "nl",
                "afmelden@fotostudiojansen.nl", Map.of("portrait-photography", List.of("photo-prints", "photo-albums")), months, null);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void noSettingsUntilTheFirstChange(TestDatabase database) {
        SettingsStore store = new SettingsStore(JdbcClient.create(database.fresh()), Clock.systemUTC());

        assertThat(store.current()).isEmpty();
        assertThat(store.history()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aChangeIsANewVersionAndEarlierVersionsStay(TestDatabase database) {
        SettingsStore store = new SettingsStore(JdbcClient.create(database.fresh()), Clock.systemUTC());

        SenderSettings first = store.change(jansen("Fotostudio Jansen B.V.", null), "admin");
        SenderSettings second = store.change(jansen("Fotostudio Jansen Holding B.V.", 12), "token shop");

        assertThat(second.version()).isGreaterThan(first.version());
        assertThat(store.current()).contains(second);
        assertThat(store.version(first.version())).hasValueSatisfying(kept -> {
            assertThat(kept.legalName()).isEqualTo("Fotostudio Jansen B.V.");
            assertThat(kept.softOptInMonths()).as("the NL default").isEqualTo(24);
            assertThat(kept.createdBy()).isEqualTo("admin");
        });
        assertThat(store.history()).extracting(SenderSettings::version).containsExactly(second.version(), first.version());
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void theSettingsBecomeTheEnginesSenderAndPolicy(TestDatabase database) {
        SettingsStore store = new SettingsStore(JdbcClient.create(database.fresh()), Clock.systemUTC());

        SenderSettings settings = store.change(jansen("Fotostudio Jansen B.V.", 18), "admin");

        assertThat(settings.sender().legalName()).isEqualTo("Fotostudio Jansen B.V.");
        assertThat(settings.sender().country()).isEqualTo("NL");
        assertThat(settings.policy().softOptInMonths()).isEqualTo(18);
        assertThat(settings.policy().similarTo("portrait-photography")).containsExactlyInAnyOrder("photo-prints", "photo-albums");
        assertThat(settings.policy().offerAddressLocalParts()).containsExactly("aanbieding", "acquisitie", "offers");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void anUnknownCountryIsRefusedAndNothingIsWritten(TestDatabase database) {
        SettingsStore store = new SettingsStore(JdbcClient.create(database.fresh()), Clock.systemUTC());
        SettingsChange change = new SettingsChange("X B.V.", null, null, null, "UK", null, null, null, null);

        assertThatThrownBy(() -> store.change(change, "admin"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problem()).contains("use GB"));
        assertThat(store.current()).isEmpty();
    }
}
