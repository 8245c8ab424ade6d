package nl.mailwijs.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.mailwijs.content.BodyFormat;
import nl.mailwijs.content.ContentValidationException;
import nl.mailwijs.content.MessageComposer;
import nl.mailwijs.content.MessageRecipient;
import nl.mailwijs.content.RenderedMessage;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsChange;
import nl.mailwijs.settings.SettingsStore;
import nl.mailwijs.testing.MutableClock;
import nl.mailwijs.testing.TestDatabase;

/**
 * Stored templates and layouts on H2 and PostgreSQL: versioned on every change, copied by a
 * campaign when it is saved (so a later edit changes no campaign until it is saved again), and
 * not deleted while a draft or scheduled campaign uses them.
 */
class TemplateLibraryTests {

    private static final String LAYOUT = """
            <table role="presentation" width="100%"><tr><td>
            <p>Fotostudio Jansen, huisstijl</p>
            {{content}}
            </td></tr><tr><td>{{footer}}</td></tr></table>""";

    private record Fixture(JdbcClient jdbc, TemplateLibrary library, Campaigns campaigns, SenderSettings settings) {

        CampaignDraft draft(String body, Long templateId, Long layoutId) {
            return new CampaignDraft("Nieuwsbrief", Purpose.COMMERCIAL, List.of("photo-prints"), null, "nieuws@fotostudio-jansen.nl", null,
                    "Nieuws van de studio", "De nieuwste portretten", null, body, null, null, null, templateId, layoutId);
        }

        RenderedMessage render(Campaign campaign) {
            return campaigns.compile(campaign, settings).render(new MessageRecipient("Anna", "de Vries", "anna@example.nl", Map.of(),
                    "https://mailwijs.example/u/token", Basis.CONSENT));
        }
    }

    private static Fixture fixture(TestDatabase database) {
        JdbcClient jdbc = JdbcClient.create(database.fresh());
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
        MessageComposer composer = new MessageComposer();
        TemplateLibrary library = new TemplateLibrary(jdbc, clock, composer);
        SettingsStore settings = new SettingsStore(jdbc, clock);
        settings.change(new SettingsChange("Fotostudio Jansen B.V.", null, "12345678", "Kerkstraat 1, 1234 AB Utrecht", "NL", null, Map.of(),
                null, null), "test");
        return new Fixture(jdbc, library, new Campaigns(jdbc, clock, composer, library), settings.current().orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aTemplateGetsANewVersionWithEveryChangeAndABrokenOneIsRefusedNamingThePart(TestDatabase database) {
        Fixture f = fixture(database);
        SavedTemplate first = f.library().createTemplate(new TemplateDraft(" Nieuwsbrief ", null, "Beste {{contact.firstName}},", null));
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.name()).isEqualTo("Nieuwsbrief");
        assertThat(first.bodyFormat()).isEqualTo(BodyFormat.MARKDOWN);

        SavedTemplate second = f.library().updateTemplate(first.id(), new TemplateDraft("Nieuwsbrief", BodyFormat.HTML,
                "<p>Beste {{contact.firstName | default: \"klant\"}},</p>", "Beste klant,"));
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.textBody()).isEqualTo("Beste klant,");
        assertThat(f.library().templates()).extracting(SavedTemplate::version).containsExactly(2);

        assertThatThrownBy(() -> f.library().createTemplate(new TemplateDraft("Fout", null, "Regel een\n{{contact.favouriteColour}}", null)))
                .isInstanceOfSatisfying(ContentValidationException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(problem -> {
                            assertThat(problem.part()).isEqualTo("body");
                            assertThat(problem.line()).isEqualTo(2);
                        }));
        assertThatThrownBy(() -> f.library().createTemplate(new TemplateDraft("Leeg", BodyFormat.HTML, "<script>alert(1)</script>", null)))
                .isInstanceOf(ContentValidationException.class).hasMessageContaining("nothing readable");
        assertThatThrownBy(() -> f.library().createTemplate(new TemplateDraft("Tekst", null, "Hallo", "{{contact.shoeSize}}")))
                .isInstanceOfSatisfying(ContentValidationException.class, e -> assertThat(e.problems().getFirst().part()).isEqualTo("textBody"));
        assertThatThrownBy(() -> f.library().updateTemplate(999, new TemplateDraft("X", null, "Hallo", null)))
                .isInstanceOf(UnknownCampaignException.class).hasMessage("there is no template 999");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aLayoutNeedsItsContentSlotAndItsFooterSlotAfterIt(TestDatabase database) {
        Fixture f = fixture(database);
        SavedLayout layout = f.library().createLayout(new LayoutDraft("Huisstijl", LAYOUT));
        assertThat(layout.version()).isEqualTo(1);
        assertThat(f.library().updateLayout(layout.id(), new LayoutDraft("Huisstijl 2", LAYOUT)).version()).isEqualTo(2);

        assertThatThrownBy(() -> f.library().createLayout(new LayoutDraft("Zonder", "<div>Geen plek voor de inhoud</div>")))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("html: a layout needs one {{content}} slot");
        assertThatThrownBy(() -> f.library().createLayout(new LayoutDraft("Omgekeerd", "<div>{{footer}}</div><div>{{content}}</div>")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("after {{content}}");
        assertThatThrownBy(() -> f.library().createLayout(new LayoutDraft("Verstopt", "<div title=\"{{content}}\">x</div>")))
                .as("a slot inside an attribute").isInstanceOf(InvalidRequestException.class);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aCampaignCopiesItsTemplateAndLayoutSoALaterEditChangesItOnlyWhenItIsSavedAgain(TestDatabase database) {
        Fixture f = fixture(database);
        SavedTemplate template = f.library().createTemplate(new TemplateDraft("Nieuwsbrief", null, "Beste {{contact.firstName}}, **nieuw**.",
                null));
        SavedLayout layout = f.library().createLayout(new LayoutDraft("Huisstijl", LAYOUT));
        Campaign campaign = f.campaigns().create(f.draft(null, template.id(), layout.id()), f.settings());

        assertThat(campaign.body()).isEqualTo("Beste {{contact.firstName}}, **nieuw**.");
        assertThat(campaign.subject()).isEqualTo("Nieuws van de studio");
        assertThat(campaign.templateId()).isEqualTo(template.id());
        assertThat(campaign.templateVersion()).isEqualTo(1);
        assertThat(campaign.layoutId()).isEqualTo(layout.id());
        assertThat(campaign.layoutVersion()).isEqualTo(1);
        RenderedMessage before = f.render(campaign);
        assertThat(before.html()).contains("Fotostudio Jansen, huisstijl", "Beste Anna, <strong>nieuw</strong>.", "Fotostudio Jansen B.V.");
        assertThat(before.subject()).isEqualTo("Nieuws van de studio");

        f.library().updateTemplate(template.id(), new TemplateDraft("Nieuwsbrief", null, "Beste {{contact.firstName}}, *anders*.", null));
        f.library().updateLayout(layout.id(), new LayoutDraft("Huisstijl", LAYOUT.replace("huisstijl", "nieuwe huisstijl")));
        Campaign unchanged = f.campaigns().require(campaign.id());
        assertThat(unchanged.version()).isEqualTo(campaign.version());
        assertThat(f.render(unchanged).html()).isEqualTo(before.html());

        Campaign saved = f.campaigns().update(campaign.id(), f.draft(null, template.id(), layout.id()), f.settings());
        assertThat(saved.version()).isEqualTo(campaign.version() + 1);
        assertThat(saved.templateVersion()).isEqualTo(2);
        assertThat(saved.layoutVersion()).isEqualTo(2);
        assertThat(f.render(saved).html()).contains("nieuwe huisstijl", "Beste Anna, <em>anders</em>.");

        Campaign own = f.campaigns().update(campaign.id(), f.draft("Eigen tekst", null, null), f.settings());
        assertThat(own.templateId()).isNull();
        assertThat(own.layoutHtml()).isNull();
        assertThat(f.render(own).html()).contains("Eigen tekst").doesNotContain("huisstijl");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aDraftNamesATemplateOrHasABodyAndAnUnknownOneIsRefusedNamingTheField(TestDatabase database) {
        Fixture f = fixture(database);
        SavedTemplate template = f.library().createTemplate(new TemplateDraft("Nieuwsbrief", null, "Hallo", null));

        assertThatThrownBy(() -> f.campaigns().create(f.draft("Ook een body", template.id(), null), f.settings()))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("body: comes from template " + template.id());
        assertThatThrownBy(() -> f.campaigns().create(f.draft(null, null, null), f.settings()))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("body: a body is required, or a templateId");
        assertThatThrownBy(() -> f.campaigns().create(f.draft(null, 999L, null), f.settings()))
                .isInstanceOf(InvalidRequestException.class).hasMessage("templateId: there is no template 999");
        assertThatThrownBy(() -> f.campaigns().create(f.draft("Hallo", null, 999L), f.settings()))
                .isInstanceOf(InvalidRequestException.class).hasMessage("layoutId: there is no layout 999");
        CampaignDraft withFormat = new CampaignDraft("X", Purpose.COMMERCIAL, List.of(), null, "nieuws@fotostudio-jansen.nl", null, "Hallo",
                null, BodyFormat.HTML, null, null, null, null, template.id(), null);
        assertThatThrownBy(() -> f.campaigns().create(withFormat, f.settings())).hasMessageStartingWith("bodyFormat: comes from template");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aTemplateInUseByADraftIsNotDeletedButOnceOnlySentCampaignsUsedItItIs(TestDatabase database) {
        Fixture f = fixture(database);
        SavedTemplate template = f.library().createTemplate(new TemplateDraft("Nieuwsbrief", null, "Hallo", null));
        SavedLayout layout = f.library().createLayout(new LayoutDraft("Huisstijl", LAYOUT));
        SavedTemplate unused = f.library().createTemplate(new TemplateDraft("Ongebruikt", null, "Hallo", null));
        Campaign campaign = f.campaigns().create(f.draft(null, template.id(), layout.id()), f.settings());

        assertThatThrownBy(() -> f.library().deleteTemplate(template.id())).isInstanceOfSatisfying(TemplateInUseException.class, e -> {
            assertThat(e.campaignIds()).containsExactly(campaign.id());
            assertThat(e.getMessage()).contains("used by draft or scheduled campaign " + campaign.id());
        });
        assertThatThrownBy(() -> f.library().deleteLayout(layout.id())).isInstanceOf(TemplateInUseException.class);
        f.library().deleteTemplate(unused.id());
        assertThat(f.library().template(unused.id())).isEmpty();
        assertThatThrownBy(() -> f.library().deleteTemplate(unused.id())).isInstanceOf(UnknownCampaignException.class);

        f.jdbc().sql("UPDATE campaign SET state = 'SENT' WHERE id = :id").param("id", campaign.id()).update();
        f.library().deleteTemplate(template.id());
        f.library().deleteLayout(layout.id());

        Campaign sent = f.campaigns().require(campaign.id());
        assertThat(sent.templateId()).isEqualTo(template.id());
        assertThat(sent.body()).isEqualTo("Hallo");
        assertThat(f.render(sent).html()).as("its own copy").contains("Fotostudio Jansen, huisstijl", "Hallo");
    }
}
