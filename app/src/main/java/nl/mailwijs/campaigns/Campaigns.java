package nl.mailwijs.campaigns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

import nl.mailwijs.campaigns.internal.CampaignsSql;
import nl.mailwijs.content.BodyFormat;
import nl.mailwijs.content.CompiledMessage;
import nl.mailwijs.content.MessageComposer;
import nl.mailwijs.content.MessageDraft;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.delivery.Mailbox;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.settings.SenderSettings;

/**
 * Stores campaigns and segments. A campaign's content is compiled when it is saved, so an
 * unknown merge field or a body with nothing left after sanitising is refused then, naming the
 * line, not at send time.
 */
@Service
public class Campaigns {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MessageComposer composer;
    private final JsonMapper json = JsonMapper.builder().build();

    public Campaigns(JdbcClient jdbc, Clock clock, MessageComposer composer) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.composer = composer;
    }

    public Campaign create(CampaignDraft draft, SenderSettings settings) {
        check(draft, settings);
        var key = new GeneratedKeyHolder();
        bind(jdbc.sql(CampaignsSql.INSERT_CAMPAIGN), draft).update(key, "id");
        return find(key.getKeyAs(Number.class).longValue()).orElseThrow();
    }

    /** Changes a draft; its version goes up, so an earlier pre-flight no longer counts. */
    public Campaign update(long id, CampaignDraft draft, SenderSettings settings) {
        Campaign campaign = require(id);
        if (campaign.state() != CampaignState.DRAFT) {
            throw new CampaignStateException("campaign " + id + " is " + campaign.state() + "; only a draft can be changed");
        }
        check(draft, settings);
        int changed = bind(jdbc.sql(CampaignsSql.UPDATE_DRAFT), draft).param("id", id).update();
        if (changed == 0) {
            throw new CampaignStateException("campaign " + id + " left the DRAFT state meanwhile; it was not changed");
        }
        return require(id);
    }

    public Optional<Campaign> find(long id) {
        return jdbc.sql(CampaignsSql.CAMPAIGN_BY_ID).param("id", id).query(this::campaign).optional();
    }

    public Campaign require(long id) {
        return find(id).orElseThrow(() -> new UnknownCampaignException("there is no campaign " + id));
    }

    public List<Campaign> list(int page, int size) {
        return jdbc.sql(CampaignsSql.CAMPAIGNS).param("limit", size).param("offset", (long) page * size).query(this::campaign).list();
    }

    public long count() {
        return jdbc.sql(CampaignsSql.COUNT_CAMPAIGNS).query(Long.class).single();
    }

    /** The campaign's content compiled against these settings: the footer carries their identity. */
    public CompiledMessage compile(Campaign campaign, SenderSettings settings) {
        return composer.compile(draft(campaign.subject(), campaign.preheader(), campaign.bodyFormat(), campaign.body(),
                campaign.textBody(), campaign.language()), settings);
    }

    // --- segments

    public Segment createSegment(String name, Audience audience) {
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException("name", "a segment needs a name");
        }
        if (name.strip().length() > 200) {
            throw new InvalidRequestException("name", "is longer than 200 characters");
        }
        var key = new GeneratedKeyHolder();
        jdbc.sql(CampaignsSql.INSERT_SEGMENT)
                .param("name", name.strip())
                .param("definition", json.writeValueAsString(audience))
                .param("now", now())
                .update(key, "id");
        return segment(key.getKeyAs(Number.class).longValue()).orElseThrow();
    }

    public Optional<Segment> segment(long id) {
        return jdbc.sql(CampaignsSql.SEGMENT_BY_ID).param("id", id).query(this::segmentRow).optional();
    }

    public List<Segment> segments() {
        return jdbc.sql(CampaignsSql.SEGMENTS).query(this::segmentRow).list();
    }

    /** The campaign's audience: its segment's, or everyone. */
    public Audience audienceOf(Campaign campaign) {
        if (campaign.segmentId() == null) {
            return Audience.EVERYONE;
        }
        return segment(campaign.segmentId()).map(Segment::audience)
                .orElseThrow(() -> new UnknownCampaignException("campaign " + campaign.id() + " names segment " + campaign.segmentId()
                        + ", which does not exist"));
    }

    // --- internals

    private void check(CampaignDraft draft, SenderSettings settings) {
        try {
            Mailbox.of(draft.fromAddress());
        } catch (RuntimeException e) {
            throw new InvalidRequestException("fromAddress", e.getMessage());
        }
        if (draft.segmentId() != null && segment(draft.segmentId()).isEmpty()) {
            throw new InvalidRequestException("segmentId", "there is no segment " + draft.segmentId());
        }
        // Compiling refuses unknown merge fields, unsafe subjects and bodies with nothing readable left.
        composer.compile(draft(draft.subject(), draft.preheader(), draft.bodyFormat(), draft.body(), draft.textBody(), draft.language()),
                settings);
    }

    private static MessageDraft draft(String subject, String preheader, BodyFormat format, String body, String textBody, Language language) {
        MessageDraft draft = format == BodyFormat.HTML ? MessageDraft.html(subject, preheader, body) : MessageDraft.markdown(subject, preheader, body);
        draft = draft.withLanguage(language);
        return textBody == null || textBody.isBlank() ? draft : draft.withTextBody(textBody);
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, CampaignDraft draft) {
        return statement
                .param("name", draft.name().strip())
                .param("purpose", draft.purpose().name())
                .param("topics", json.writeValueAsString(draft.topics()))
                .param("promotion", draft.promotion())
                .param("fromAddress", draft.fromAddress().strip())
                .param("fromName", draft.fromName())
                .param("subject", draft.subject())
                .param("preheader", draft.preheader())
                .param("bodyFormat", draft.bodyFormat().name())
                .param("body", draft.body())
                .param("textBody", draft.textBody())
                .param("language", draft.language().name())
                .param("segmentId", draft.segmentId())
                .param("now", now());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private Campaign campaign(ResultSet row, int n) throws SQLException {
        long segment = row.getLong("segment_id");
        Long segmentId = row.wasNull() ? null : segment;
        int preflight = row.getInt("preflight_version");
        Integer preflightVersion = row.wasNull() ? null : preflight;
        return new Campaign(row.getLong("id"), row.getString("name"), CampaignState.valueOf(row.getString("state")), row.getInt("version"),
                Purpose.valueOf(row.getString("purpose")), json.readValue(row.getString("topics"), STRINGS),
                row.getBoolean("contains_promotion"), row.getString("from_address"), row.getString("from_name"), row.getString("subject"),
                row.getString("preheader"), BodyFormat.valueOf(row.getString("body_format")), row.getString("body"),
                row.getString("text_body"), Language.valueOf(row.getString("language")), segmentId, preflightVersion,
                instant(row, "preflight_at"), instant(row, "created_at"), instant(row, "updated_at"));
    }

    private Segment segmentRow(ResultSet row, int n) throws SQLException {
        return new Segment(row.getLong("id"), row.getString("name"), json.readValue(row.getString("definition"), Audience.class),
                instant(row, "created_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
