package nl.mailwijs.signup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import nl.mailwijs.apijson.StorableText;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.values.Topics;
import nl.mailwijs.evidence.ConsentWording;
import nl.mailwijs.signup.internal.SignupSql;

/**
 * Consent texts and their versions. A version may be edited until a form shows it; from then on
 * it is fixed, and a new wording is a new version. Nothing is deleted.
 */
@Service
public class ConsentTexts {

    static final int MAX_NAME = 200;
    static final int MAX_TOPIC = 200;
    static final int MAX_LABEL = 500;
    static final int MAX_TOPICS = 50;

    private static final TypeReference<List<ConsentTextVersion.Topic>> TOPICS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    public ConsentTexts(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** A new consent text with its first version. */
    public ConsentText create(String name, ConsentTextDraft first) {
        String validName = text("name", name, MAX_NAME);
        if (validName == null) {
            throw new InvalidRequestException("name", "required field is missing");
        }
        Valid valid = validate(first);
        long id = transaction.execute(status -> {
            var key = new GeneratedKeyHolder();
            jdbc.sql(SignupSql.INSERT_TEXT).param("name", validName).param("now", now()).update(key, "id");
            long textId = key.getKeyAs(Number.class).longValue();
            insertVersion(textId, 1, valid);
            return textId;
        });
        return require(id);
    }

    /** The next version of a text; earlier versions stay as they are. */
    public ConsentTextVersion addVersion(long textId, ConsentTextDraft draft) {
        Valid valid = validate(draft);
        return transaction.execute(status -> {
            // Two new versions at once must not both take the same number.
            if (jdbc.sql(SignupSql.LOCK_TEXT).param("id", textId).query(Long.class).optional().isEmpty()) {
                throw unknownText(textId);
            }
            int next = jdbc.sql(SignupSql.NEXT_VERSION).param("textId", textId).query(Integer.class).single();
            return versionById(insertVersion(textId, next, valid)).orElseThrow();
        });
    }

    /**
     * Changes a version no form has shown yet.
     *
     * @throws VersionInUseException once a form shows it
     */
    public ConsentTextVersion updateVersion(long textId, int version, ConsentTextDraft draft) {
        Valid valid = validate(draft);
        ConsentTextVersion existing = version(textId, version);
        int updated = jdbc.sql(SignupSql.UPDATE_UNUSED_VERSION)
                .param("wording", valid.wording())
                .param("language", valid.language())
                .param("topics", json.writeValueAsString(valid.topics()))
                .param("channels", channels(valid.channels()))
                .param("now", now())
                .param("textId", textId)
                .param("version", version)
                .update();
        if (updated == 0) {
            throw new VersionInUseException(textId, existing.version());
        }
        return version(textId, version);
    }

    public Optional<ConsentText> find(long id) {
        return jdbc.sql(SignupSql.TEXT_BY_ID).param("id", id)
                .query((row, n) -> new ConsentText(row.getLong("id"), row.getString("name"), instant(row, "created_at"), List.of()))
                .optional()
                .map(text -> new ConsentText(text.id(), text.name(), text.createdAt(),
                        jdbc.sql(SignupSql.VERSIONS_OF_TEXT).param("textId", id).query(this::version).list()));
    }

    public ConsentText require(long id) {
        return find(id).orElseThrow(() -> unknownText(id));
    }

    public List<ConsentText> list() {
        Map<Long, List<ConsentTextVersion>> versions = new LinkedHashMap<>();
        jdbc.sql(SignupSql.ALL_VERSIONS).query(this::version).list()
                .forEach(version -> versions.computeIfAbsent(version.consentTextId(), id -> new ArrayList<>()).add(version));
        return jdbc.sql(SignupSql.TEXTS)
                .query((row, n) -> new ConsentText(row.getLong("id"), row.getString("name"), instant(row, "created_at"),
                        versions.getOrDefault(row.getLong("id"), List.of())))
                .list();
    }

    public ConsentTextVersion version(long textId, int version) {
        return jdbc.sql(SignupSql.VERSION_BY_NUMBER).param("textId", textId).param("version", version).query(this::version).optional()
                .orElseThrow(() -> new UnknownSignupException("consent text " + textId + " has no version " + version));
    }

    public Optional<ConsentTextVersion> versionById(long id) {
        return jdbc.sql(SignupSql.VERSION_BY_ID).param("id", id).query(this::version).optional();
    }

    /**
     * Fixes a version from now on; called in the transaction that makes a form show it. Locks
     * the row, so an edit running at the same moment either finishes first or finds it fixed.
     */
    public ConsentTextVersion markUsed(long versionId) {
        jdbc.sql(SignupSql.LOCK_VERSION).param("id", versionId).query(Long.class).optional()
                .orElseThrow(() -> new InvalidRequestException("consentTextVersionId", "there is no consent text version " + versionId));
        jdbc.sql(SignupSql.MARK_VERSION_USED).param("id", versionId).param("now", now()).update();
        return versionById(versionId).orElseThrow();
    }

    // --- validation

    private record Valid(String wording, String language, List<ConsentTextVersion.Topic> topics, Set<Channel> channels) {
    }

    private static Valid validate(ConsentTextDraft draft) {
        String wording = text("wording", draft.wording(), ConsentWording.MAX_WORDING);
        if (wording == null) {
            throw new InvalidRequestException("wording", "required field is missing: the text the person agrees to");
        }
        if (draft.language() == null || draft.language().isBlank()) {
            throw new InvalidRequestException("language", "required field is missing: the language of the wording, e.g. nl or en");
        }
        String language = ConsentWording.languageTag("language", draft.language());
        if (draft.topics().size() > MAX_TOPICS) {
            throw new InvalidRequestException("topics", "at most " + MAX_TOPICS + " topics per consent text");
        }
        List<ConsentTextVersion.Topic> topics = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < draft.topics().size(); i++) {
            ConsentTextVersion.Topic topic = draft.topics().get(i);
            String key = topic == null ? null : text("topics[" + i + "].topic", topic.topic(), MAX_TOPIC);
            if (key == null) {
                throw new InvalidRequestException("topics[" + i + "].topic", "required field is missing: the topic as campaigns name it");
            }
            if (!seen.add(Topics.key(key))) {
                throw new InvalidRequestException("topics[" + i + "].topic", "'" + key + "' is named twice");
            }
            String label = text("topics[" + i + "].label", topic.label(), MAX_LABEL);
            topics.add(new ConsentTextVersion.Topic(key, label == null ? key : label));
        }
        if (draft.channels().isEmpty()) {
            throw new InvalidRequestException("channels", "name the channels the consent is for: "
                    + Arrays.stream(Channel.values()).map(Channel::name).collect(Collectors.joining(", ")));
        }
        return new Valid(wording, language, topics, EnumSet.copyOf(draft.channels()));
    }

    private static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength) {
            throw new InvalidRequestException(field, "is longer than " + maxLength + " characters");
        }
        return StorableText.check(field, stripped);
    }

    // --- rows

    private long insertVersion(long textId, int version, Valid valid) {
        var key = new GeneratedKeyHolder();
        jdbc.sql(SignupSql.INSERT_VERSION)
                .param("textId", textId)
                .param("version", version)
                .param("wording", valid.wording())
                .param("language", valid.language())
                .param("topics", json.writeValueAsString(valid.topics()))
                .param("channels", channels(valid.channels()))
                .param("now", now())
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    private ConsentTextVersion version(ResultSet row, int n) throws SQLException {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (String name : row.getString("channels").split(",")) {
            channels.add(Channel.valueOf(name));
        }
        OffsetDateTime usedAt = row.getObject("used_at", OffsetDateTime.class);
        return new ConsentTextVersion(row.getLong("id"), row.getLong("consent_text_id"), row.getInt("version"), row.getString("wording"),
                row.getString("language"), json.readValue(row.getString("topics"), TOPICS), channels, instant(row, "created_at"),
                instant(row, "updated_at"), usedAt == null ? null : usedAt.toInstant());
    }

    private static String channels(Set<Channel> channels) {
        return channels.stream().sorted().map(Channel::name).collect(Collectors.joining(","));
    }

    private static UnknownSignupException unknownText(long id) {
        return new UnknownSignupException("there is no consent text " + id);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
