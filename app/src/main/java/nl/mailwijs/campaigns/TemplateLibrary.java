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

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

import nl.mailwijs.campaigns.internal.CampaignsSql;
import nl.mailwijs.content.BodyFormat;
import nl.mailwijs.content.ContentProblem;
import nl.mailwijs.content.ContentValidationException;
import nl.mailwijs.content.Layout;
import nl.mailwijs.content.MessageComposer;
import nl.mailwijs.decisionjson.InvalidRequestException;

/**
 * Stored templates and layouts. Each change is a new version of the same row. A campaign
 * <em>copies</em> the body or the layout's HTML when it is saved and records the version it
 * copied (see {@link Campaigns}): a campaign is then its own record of what it sends, so an edit
 * of a template after a campaign was pre-flighted, scheduled or sent cannot change that campaign,
 * and an old version need not be kept here. A draft takes the template's newest version each
 * time it is saved, which is a change of the draft like any other (a new campaign version, a new
 * pre-flight).
 *
 * <p>Deleting a template or layout is refused while a draft or scheduled campaign names it (its
 * next save would fail); once only campaigns that went out (or were cancelled) used it, it is
 * deleted, and they keep their copy and the id and version it came from.
 */
@Service
public class TemplateLibrary {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MessageComposer composer;

    public TemplateLibrary(JdbcClient jdbc, Clock clock, MessageComposer composer) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.composer = composer;
    }

    // --- templates

    /** @throws ContentValidationException naming the part (body, textBody), line and column of each problem */
    public SavedTemplate createTemplate(TemplateDraft draft) {
        check(draft);
        var key = new GeneratedKeyHolder();
        bind(jdbc.sql(CampaignsSql.INSERT_TEMPLATE), draft).update(key, "id");
        return template(key.getKeyAs(Number.class).longValue()).orElseThrow();
    }

    /** A new version of the template; campaigns that copied an earlier one keep it. */
    public SavedTemplate updateTemplate(long id, TemplateDraft draft) {
        check(draft);
        if (bind(jdbc.sql(CampaignsSql.UPDATE_TEMPLATE), draft).param("id", id).update() == 0) {
            throw new UnknownCampaignException("there is no template " + id);
        }
        return template(id).orElseThrow();
    }

    public Optional<SavedTemplate> template(long id) {
        return jdbc.sql(CampaignsSql.TEMPLATE_BY_ID).param("id", id).query(this::templateRow).optional();
    }

    public SavedTemplate requireTemplate(long id) {
        return template(id).orElseThrow(() -> new UnknownCampaignException("there is no template " + id));
    }

    public List<SavedTemplate> templates() {
        return jdbc.sql(CampaignsSql.TEMPLATES).query(this::templateRow).list();
    }

    /** @throws TemplateInUseException while a draft or scheduled campaign uses it */
    public void deleteTemplate(long id) {
        delete(id, "template", CampaignsSql.DELETE_UNUSED_TEMPLATE, CampaignsSql.OPEN_CAMPAIGNS_WITH_TEMPLATE);
    }

    // --- layouts

    /** @throws InvalidRequestException ({@code html}) when the slots are missing or misplaced */
    public SavedLayout createLayout(LayoutDraft draft) {
        check(draft);
        var key = new GeneratedKeyHolder();
        jdbc.sql(CampaignsSql.INSERT_LAYOUT).param("name", draft.name().strip()).param("html", draft.html()).param("now", now())
                .update(key, "id");
        return layout(key.getKeyAs(Number.class).longValue()).orElseThrow();
    }

    public SavedLayout updateLayout(long id, LayoutDraft draft) {
        check(draft);
        int changed = jdbc.sql(CampaignsSql.UPDATE_LAYOUT).param("name", draft.name().strip()).param("html", draft.html())
                .param("now", now()).param("id", id).update();
        if (changed == 0) {
            throw new UnknownCampaignException("there is no layout " + id);
        }
        return layout(id).orElseThrow();
    }

    public Optional<SavedLayout> layout(long id) {
        return jdbc.sql(CampaignsSql.LAYOUT_BY_ID).param("id", id).query(this::layoutRow).optional();
    }

    public SavedLayout requireLayout(long id) {
        return layout(id).orElseThrow(() -> new UnknownCampaignException("there is no layout " + id));
    }

    public List<SavedLayout> layouts() {
        return jdbc.sql(CampaignsSql.LAYOUTS).query(this::layoutRow).list();
    }

    /** @throws TemplateInUseException while a draft or scheduled campaign uses it */
    public void deleteLayout(long id) {
        delete(id, "layout", CampaignsSql.DELETE_UNUSED_LAYOUT, CampaignsSql.OPEN_CAMPAIGNS_WITH_LAYOUT);
    }

    // --- internals

    private void delete(long id, String what, String deleteUnused, String openCampaigns) {
        // One statement: the row goes only if no draft or scheduled campaign names it. A campaign saved at the very
        // moment of the delete may still copy the template; it keeps that copy, and its next save says the template is gone.
        if (jdbc.sql(deleteUnused).param("id", id).update() > 0) {
            return;
        }
        List<Long> users = jdbc.sql(openCampaigns).param("id", id).query(Long.class).list();
        if (users.isEmpty()) {
            throw new UnknownCampaignException("there is no " + what + " " + id);
        }
        throw new TemplateInUseException(what + " " + id + " is used by draft or scheduled campaign" + (users.size() == 1 ? " " : "s ")
                + String.join(", ", users.stream().map(String::valueOf).toList())
                + "; change or delete those first. Campaigns that were sent keep their own copy and do not hold it back.", users);
    }

    private void check(TemplateDraft draft) {
        composer.checkBody(draft.bodyFormat(), draft.body(), draft.textBody());
    }

    private static void check(LayoutDraft draft) {
        try {
            Layout.of(draft.html());
        } catch (ContentValidationException e) {
            throw new InvalidRequestException("html", e.problems().stream().map(ContentProblem::message).reduce((a, b) -> a + "; " + b)
                    .orElse("not a usable layout"));
        }
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, TemplateDraft draft) {
        return statement
                .param("name", draft.name().strip())
                .param("bodyFormat", draft.bodyFormat().name())
                .param("body", draft.body())
                .param("textBody", draft.textBody() == null || draft.textBody().isBlank() ? null : draft.textBody())
                .param("now", now());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private SavedTemplate templateRow(ResultSet row, int n) throws SQLException {
        return new SavedTemplate(row.getLong("id"), row.getString("name"), row.getInt("version"), BodyFormat.valueOf(row.getString("body_format")),
                row.getString("body"), row.getString("text_body"), instant(row, "created_at"), instant(row, "updated_at"));
    }

    private SavedLayout layoutRow(ResultSet row, int n) throws SQLException {
        return new SavedLayout(row.getLong("id"), row.getString("name"), row.getInt("version"), row.getString("html"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
