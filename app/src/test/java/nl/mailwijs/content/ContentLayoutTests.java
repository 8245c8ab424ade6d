package nl.mailwijs.content;

import static nl.mailwijs.content.ContentFixtures.recipient;
import static nl.mailwijs.content.ContentFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class ContentLayoutTests {

    private final MessageComposer composer = new MessageComposer();

    @Test
    void theStandardLayoutIsAnAccessibleDutchDocument() {
        RenderedMessage rendered = composer.compile(MessageDraft.markdown("Zomer & zon", "Nu 20% korting", "Hallo"), settings())
                .render(recipient("Anna"));
        Document document = Jsoup.parse(rendered.html());

        assertThat(rendered.html()).startsWith("<!DOCTYPE html>\n<html lang=\"nl\" dir=\"ltr\">");
        assertThat(document.title()).isEqualTo("Zomer & zon");
        assertThat(document.select("meta[name=viewport]")).hasSize(1);
        assertThat(document.select("table")).isNotEmpty().allSatisfy(table -> assertThat(table.attr("role")).isEqualTo("presentation"));
        assertThat(document.select("td:containsOwn(Hallo), p:containsOwn(Hallo)")).hasSize(1);
        assertThat(document.select("table[style*=max-width: 600px]")).isNotEmpty();
    }

    @Test
    void thePreheaderIsHiddenTextAtTheTopOfTheBody() {
        RenderedMessage rendered = composer.compile(MessageDraft.markdown("x", "Voor {{contact.firstName}} <3", "Hallo"), settings())
                .render(recipient("Anna"));
        Document document = Jsoup.parse(rendered.html());

        assertThat(rendered.preheader()).isEqualTo("Voor Anna <3");
        assertThat(document.body().child(0).attr("style")).contains("display: none");
        assertThat(document.body().child(0).attr("aria-hidden")).isEqualTo("true");
        assertThat(document.body().child(0).text()).startsWith("Voor Anna <3");
    }

    @Test
    void noPreheaderNoHiddenBlock() {
        String html = composer.compile(MessageDraft.markdown("x", "", "Hallo"), settings()).render(recipient("A")).html();

        assertThat(html).doesNotContain("display: none");
    }

    @Test
    void anOwnLayoutGetsContentAndFooterInItsSlots() {
        Layout layout = Layout.of("<div style=\"padding: 10px\"><h1>Studio Licht</h1>{{content}}<hr>{{ footer }}</div>");

        String html = composer.compile(MessageDraft.markdown("x", "", "Hallo").withLayout(layout), settings()).render(recipient("A")).html();

        assertThat(html).contains("<div style=\"padding: 10px\"><h1>Studio Licht</h1><p>Hallo</p>\n<hr><div lang=\"nl\"");
    }

    @Test
    void withoutAFooterSlotTheFooterFollowsTheLayout() {
        Layout layout = Layout.of("<div>{{content}}</div><p>Groet</p>");

        String html = composer.compile(MessageDraft.markdown("x", "", "Hallo").withLayout(layout), settings()).render(recipient("A")).html();

        assertThat(html).contains("<div><p>Hallo</p>\n</div><p>Groet</p><div lang=\"nl\"");
    }

    @Test
    void aLayoutIsSanitisedSoItCannotHideTheFooter() {
        Layout layout = Layout.of("<div style=\"display:none\" hidden onclick=\"x()\"><script>x()</script>{{content}}{{footer}}</div>");

        RenderedMessage rendered = composer.compile(MessageDraft.markdown("x", "", "Hallo").withLayout(layout), settings()).render(recipient("A"));

        assertThat(rendered.html()).doesNotContain("<script", "onclick", "hidden").contains("<div><p>Hallo</p>\n<div lang=\"nl\"");
        assertThat(new ContentChecker().check(rendered, settings()).passed()).isTrue();
    }

    @Test
    void aLayoutNeedsOneContentSlotAsText() {
        assertThatThrownBy(() -> Layout.of("<div>geen slot</div>")).hasMessageContaining("a layout needs one {{content}} slot");
        assertThatThrownBy(() -> Layout.of("<a title=\"{{content}}\">x</a>")).hasMessageContaining("a layout needs one {{content}} slot");
        assertThatThrownBy(() -> Layout.of("{{content}}{{content}}")).hasMessageContaining("exactly one {{content}} slot");
        assertThatThrownBy(() -> Layout.of("{{footer}}{{content}}")).hasMessageContaining("after {{content}}");
    }
}
