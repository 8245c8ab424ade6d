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
import nl.mailwijs.content.Layout;
import nl.mailwijs.content.MessageComposer;
import nl.mailwijs.content.MessageDraft;
import nl.mailwijs.decisionjson.InputProblem;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.delivery.Mailbox;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.settings.SenderSettings;

/**
 * Stores campaigns and segments. A campaign's content is compiled when it is saved, so an
 * unknown merge field or a body with nothing left after sanitising is refused then, naming the
 * line, not at send time. A campaign made from a template or in a stored layout copies them
 * when it is saved (see {@link TemplateLibrary} for why).
 */
@Service
public class Campaigns {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MessageComposer composer;
    private final TemplateLibrary templates;
    private final JsonMapper json = JsonMapper.builder().build();

    public Campaigns(JdbcClient jdbc, Clock clock, MessageComposer composer) {
        this(jdbc, clock, composer, new TemplateLibrary(jdbc, clock, composer));
    }

    @org.springframework.beans.factory.annotation.Autowired
    public Campaigns(JdbcClient jdbc, Clock clock, MessageComposer composer, TemplateLibrary templates) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.composer = composer;
        this.templates = templates;
    }

    public Campaign create(CampaignDraft draft, SenderSettings settings) {
        Content content = check(draft, settings);
        var key = new GeneratedKeyHolder();
        bind(jdbc.sql(CampaignsSql.INSERT_CAMPAIGN), draft, content).update(key, "id");
        return find(key.getKeyAs(Number.class).longValue()).orElseThrow();
    }

    /**
     * Changes a draft; its version goes up, so an earlier pre-flight no longer counts. A template
     * or layout it names is copied again, as it is now.
     */
    public Campaign update(long id, CampaignDraft draft, SenderSettings settings) {
        Campaign campaign = require(id);
        if (campaign.state() == CampaignState.SCHEDULED) {
            throw new CampaignStateException(CampaignProblem.SCHEDULED, "campaign " + id + " is scheduled for " + campaign.sendAt() + "; to change it, unschedule it "
                    + "first (POST /api/v1/campaigns/" + id + "/unschedule), then pre-flight and schedule the new version");
        }
        if (campaign.state() != CampaignState.DRAFT) {
            throw new CampaignStateException(CampaignProblem.NOT_A_DRAFT, "campaign " + id + " is " + campaign.state()
                    + "; only a draft can be changed", campaign.state());
        }
        Content content = check(draft, settings);
        int changed = bind(jdbc.sql(CampaignsSql.UPDATE_DRAFT), draft, content).param("id", id).update();
        if (changed == 0) {
            throw new CampaignStateException(CampaignProblem.LEFT_DRAFT, "campaign " + id + " left the DRAFT state meanwhile; it was not changed");
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
                campaign.textBody(), campaign.language(), campaign.layoutHtml()), settings);
    }

    // --- segments

    public Segment createSegment(String name, Audience audience) {
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException("name", InputProblem.REQUIRED, "a segment needs a name");
        }
        if (name.strip().length() > 200) {
            throw new InvalidRequestException("name", InputProblem.TOO_LONG, "is longer than 200 characters", 200);
        }
        audience.check("audience.");
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

    /** What the campaign will hold: its own body or a template's, and the layout, with where they came from. */
    private record Content(BodyFormat format, String body, String textBody, Long templateId, Integer templateVersion, Long layoutId,
                           Integer layoutVersion, String layoutHtml) {
    }

    private Content check(CampaignDraft draft, SenderSettings settings) {
        try {
            Mailbox.of(draft.fromAddress());
        } catch (RuntimeException e) {
            throw new InvalidRequestException("fromAddress", InputProblem.NOT_AN_EMAIL_ADDRESS, e.getMessage(), draft.fromAddress());
        }
        if (draft.segmentId() != null && segment(draft.segmentId()).isEmpty()) {
            throw new InvalidRequestException("segmentId", CampaignProblem.NO_SUCH_SEGMENT, "there is no segment " + draft.segmentId(),
                    draft.segmentId());
        }
        Content content = content(draft);
        // Compiling refuses unknown merge fields, unsafe subjects and bodies with nothing readable left.
        composer.compile(draft(draft.subject(), draft.preheader(), content.format(), content.body(), content.textBody(), draft.language(),
                content.layoutHtml()), settings);
        return content;
    }

    private Content content(CampaignDraft draft) {
        SavedLayout layout = null;
        if (draft.layoutId() != null) {
            layout = templates.layout(draft.layoutId())
                    .orElseThrow(() -> new InvalidRequestException("layoutId", CampaignProblem.NO_SUCH_LAYOUT, "there is no layout " + draft.layoutId(),
                            draft.layoutId()));
        }
        Long layoutId = layout == null ? null : layout.id();
        Integer layoutVersion = layout == null ? null : layout.version();
        String layoutHtml = layout == null ? null : layout.html();
        if (draft.templateId() == null) {
            if (draft.body() == null || draft.body().isBlank()) {
                throw new InvalidRequestException("body", CampaignProblem.BODY_REQUIRED, "a body is required, or a templateId to take it from");
            }
            return new Content(draft.bodyFormat(), draft.body(), blankToNull(draft.textBody()), null, null, layoutId, layoutVersion, layoutHtml);
        }
        for (String[] own : new String[][] {{"body", draft.body()}, {"textBody", draft.textBody()},
                {"bodyFormat", draft.bodyFormat() == null ? null : draft.bodyFormat().name()}}) {
            if (own[1] != null) {
                throw new InvalidRequestException(own[0], CampaignProblem.BODY_FROM_TEMPLATE, "comes from template " + draft.templateId()
                        + "; leave body, bodyFormat and textBody out, or leave templateId out to write the campaign's own", draft.templateId());
            }
        }
        SavedTemplate template = templates.template(draft.templateId())
                .orElseThrow(() -> new InvalidRequestException("templateId", CampaignProblem.NO_SUCH_TEMPLATE, "there is no template "
                        + draft.templateId(), draft.templateId()));
        return new Content(template.bodyFormat(), template.body(), template.textBody(), template.id(), template.version(), layoutId,
                layoutVersion, layoutHtml);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static MessageDraft draft(String subject, String preheader, BodyFormat format, String body, String textBody, Language language,
                                      String layoutHtml) {
        MessageDraft draft = format == BodyFormat.HTML ? MessageDraft.html(subject, preheader, body) : MessageDraft.markdown(subject, preheader, body);
        draft = draft.withLanguage(language);
        if (layoutHtml != null) {
            draft = draft.withLayout(Layout.of(layoutHtml));
        }
        return textBody == null || textBody.isBlank() ? draft : draft.withTextBody(textBody);
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, CampaignDraft draft, Content content) {
        return statement
                .param("name", draft.name().strip())
                .param("purpose", draft.purpose().name())
                .param("topics", json.writeValueAsString(draft.topics()))
                .param("promotion", draft.promotion())
                .param("fromAddress", draft.fromAddress().strip())
                .param("fromName", draft.fromName())
                .param("subject", draft.subject())
                .param("preheader", draft.preheader())
                .param("bodyFormat", content.format().name())
                .param("body", content.body())
                .param("textBody", content.textBody())
                .param("language", draft.language().name())
                .param("segmentId", draft.segmentId())
                .param("templateId", content.templateId())
                .param("templateVersion", content.templateVersion())
                .param("layoutId", content.layoutId())
                .param("layoutVersion", content.layoutVersion())
                .param("layoutHtml", content.layoutHtml())
                .param("now", now());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private Campaign campaign(ResultSet row, int n) throws SQLException {
        long segment = row.getLong("segment_id");
        Long segmentId = row.wasNull() ? null : segment;
        return new Campaign(row.getLong("id"), row.getString("name"), CampaignState.valueOf(row.getString("state")), row.getInt("version"),
                Purpose.valueOf(row.getString("purpose")), json.readValue(row.getString("topics"), STRINGS),
                row.getBoolean("contains_promotion"), row.getString("from_address"), row.getString("from_name"), row.getString("subject"),
                row.getString("preheader"), BodyFormat.valueOf(row.getString("body_format")), row.getString("body"),
                row.getString("text_body"), Language.valueOf(row.getString("language")), segmentId,
                longOrNull(row, "template_id"), intOrNull(row, "template_version"), longOrNull(row, "layout_id"),
                intOrNull(row, "layout_version"), row.getString("layout_html"), intOrNull(row, "preflight_version"),
                instant(row, "preflight_at"), instant(row, "send_at"), intOrNull(row, "scheduled_version"),
                VoidedSchedule.reason(row.getString("schedule_voided")), VoidedSchedule.code(row.getString("schedule_voided")),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static Long longOrNull(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static Integer intOrNull(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
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
