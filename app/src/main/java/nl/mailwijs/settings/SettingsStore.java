package nl.mailwijs.settings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import nl.mailwijs.decisionjson.DecisionRequestJson;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Policy;

/** Reads the current settings and writes each change as a new version; nothing is overwritten. */
@Service
public class SettingsStore {

    private static final TypeReference<Map<String, List<String>>> SIMILAR = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    public SettingsStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The latest version, or empty when the sender has not been set up yet. */
    public Optional<SenderSettings> current() {
        return jdbc.sql("SELECT * FROM sender_settings_version ORDER BY version DESC FETCH FIRST 1 ROWS ONLY")
                .query(this::settings)
                .optional();
    }

    public Optional<SenderSettings> version(long version) {
        return jdbc.sql("SELECT * FROM sender_settings_version WHERE version = :version")
                .param("version", version)
                .query(this::settings)
                .optional();
    }

    public List<SenderSettings> history() {
        return jdbc.sql("SELECT * FROM sender_settings_version ORDER BY version DESC").query(this::settings).list();
    }

    @Transactional
    public SenderSettings change(SettingsChange change, String by) {
        String country = DecisionRequestJson.country("country", change.country());
        Map<String, List<String>> similar = change.similarTopics() == null ? Map.of() : new LinkedHashMap<>(change.similarTopics());
        similar.forEach((category, topics) -> {
            if (category.isBlank() || topics == null || topics.stream().anyMatch(topic -> topic == null || topic.isBlank())) {
                throw new InvalidRequestException("similarTopics." + category, "a category maps to a list of non-blank topics");
            }
        });
        int months = change.softOptInMonths() == null ? Policy.DEFAULT_SOFT_OPT_IN_MONTHS : change.softOptInMonths();
        List<String> localParts = change.offerAddressLocalParts() == null
                ? Policy.DEFAULT_OFFER_ADDRESS_LOCAL_PARTS : change.offerAddressLocalParts();
        jdbc.sql("""
                INSERT INTO sender_settings_version (legal_name, trade_name, kvk_number, postal_address, country, objection_address,
                                                     similar_topics, soft_opt_in_months, offer_address_local_parts, created_at, created_by)
                VALUES (:legalName, :tradeName, :kvk, :postal, :country, :objection, :similar, :months, :localParts, :now, :by)""")
                .param("legalName", change.legalName().strip())
                .param("tradeName", blankToNull(change.tradeName()))
                .param("kvk", blankToNull(change.kvkNumber()))
                .param("postal", blankToNull(change.postalAddress()))
                .param("country", country)
                .param("objection", blankToNull(change.objectionAddress()))
                .param("similar", json.writeValueAsString(similar))
                .param("months", months)
                .param("localParts", json.writeValueAsString(localParts))
                .param("now", Timestamp.from(clock.instant()))
                .param("by", by)
                .update();
        return current().orElseThrow();
    }

    private SenderSettings settings(ResultSet row, int number) throws SQLException {
        return new SenderSettings(
                row.getLong("version"),
                row.getString("legal_name"),
                row.getString("trade_name"),
                row.getString("kvk_number"),
                row.getString("postal_address"),
                row.getString("country").strip(),
                row.getString("objection_address"),
                json.readValue(row.getString("similar_topics"), SIMILAR),
                row.getInt("soft_opt_in_months"),
                json.readValue(row.getString("offer_address_local_parts"), STRINGS),
                row.getTimestamp("created_at").toInstant(),
                row.getString("created_by"));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
