package nl.mailwijs.content;

import static nl.mailwijs.content.ContentFixtures.UNSUBSCRIBE;
import static nl.mailwijs.content.ContentFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import nl.mailwijs.content.internal.Bodies;
import nl.mailwijs.engine.decision.Basis;

/**
 * Whatever an author or a contact's data holds: nothing that runs survives, merge values stay
 * text, and the footer with identity and objection link is always there and visible.
 */
class ContentSafetyProperties {

    private static final List<String> HOSTILE = List.of(
            "<script>alert(1)</script>", "<script src=https://evil.example/x.js>", "</script>", "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">", "<a href='JAVASCRIPT:alert(1)'>", "<a href=java\tscript:alert(1)>",
            "<a href=\"&#106;avascript:alert(1)\">", "<a href=\"&#x6A;avascript&colon;alert(1)\">", "<a href=\" javascript:x\">",
            "<a href=\"data:text/html,<script>x</script>\">", "<svg onload=alert(1)>", "<svg><script>alert(1)</script></svg>",
            "<math><mi xlink:href=\"javascript:alert(1)\">", "<iframe src=https://evil.example>", "<form action=x><button>",
            "<body onload=alert(1)>", "<p onclick=\"x()\" style=\"display:none\">", "<div style=\"position:absolute;top:0\">",
            "<style>*{display:none}</style>", "<style>", "<textarea>", "<title>", "<xmp>", "<plaintext>", "<noscript>",
            "<template>", "<!--", "-->", "<!-- x -->", "<![CDATA[", "]]>", "</body></html>", "<html>", "</div>", "</td></tr></table>",
            "<table><tr><td>", "<div>", "<p>", "<a href=\"https://ok.example\">", "</a>", "<b>", "\"", "'", "<", ">", "&", "=",
            "<base href=\"javascript:alert(1)//\">", "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
            "<object data=x>", "<embed src=x>", "<img src=\"https://ok.example/a.png\" onload=alert(1)>", "<a onmouseover=x>",
            "<details open ontoggle=alert(1)>", "<p style=\"background:url(javascript:alert(1))\">", "\uE000\uE100\uE001");

    private static final java.util.Set<String> URL_ATTRIBUTES = java.util.Set.of(
            "href", "src", "cite", "action", "formaction", "xlink:href", "background", "poster", "data", "srcset");

    @Provide
    Arbitrary<String> hostileHtml() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(HOSTILE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withChars("<>/=\"' &#;:!-abcdefghijklmnopqrstuvwxyz").ofMaxLength(12)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
        return piece.list().ofMaxSize(12).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<String> hostileValues() {
        return Arbitraries.oneOf(hostileHtml(), Arbitraries.strings().ofMaxLength(40));
    }

    @Property(tries = 400)
    void nothingThatRunsSurvivesSanitising(@ForAll("hostileHtml") String html) {
        assertNothingRuns(Bodies.sanitise(html));
    }

    @Property(tries = 200)
    void nothingThatRunsSurvivesInAWholeMarkdownMessage(@ForAll("hostileHtml") String markdown) {
        RenderedMessage rendered = new MessageComposer().compile(MessageDraft.markdown("x", "", "tekst\n\n" + markdown), settings())
                .render(ContentFixtures.recipient("A"));

        assertNothingRuns(bodyOf(rendered.html()));
    }

    @Property(tries = 300)
    void mergeValuesAreInert(@ForAll("hostileValues") String value) {
        CompiledMessage message = new MessageComposer().compile(MessageDraft.html("Nieuws", "{{contact.firstName}}",
                "<p title=\"{{contact.firstName}}\">Hoi {{contact.firstName}}</p>"
                        + "<a href=\"https://shop.example/?n={{contact.firstName}}\">{{contact.name}}</a>"), settings());

        RenderedMessage hostile = message.render(new MessageRecipient(value, value, "a@x.nl", Map.of(), UNSUBSCRIBE, Basis.CONSENT));
        RenderedMessage plain = message.render(new MessageRecipient("x", "x", "a@x.nl", Map.of(), UNSUBSCRIBE, Basis.CONSENT));

        assertThat(structure(hostile.html())).isEqualTo(structure(plain.html()));
        assertThat(new ContentChecker().check(hostile, settings()).findings()).isEmpty();
        assertNothingRuns(bodyOf(hostile.html()));
        Element paragraph = Jsoup.parse(hostile.html()).selectFirst("p[title]");
        String expected = value.isBlank() ? "" : value;
        // Line breaks as HTML reads them (CR, LF and CRLF are one), NUL as the U+FFFD every HTML parser makes of it.
        assertThat(lineBreaksAsLf(paragraph.attr("title"))).as("the value comes back as the same text")
                .isEqualTo(lineBreaksAsLf(expected).replace("\u0000", "\uFFFD"));
    }

    @Property(tries = 300)
    void theFooterSurvivesAnyAuthorContent(@ForAll("hostileHtml") String body) {
        CompiledMessage message = new MessageComposer().compile(MessageDraft.html("Nieuws", "", "<p>x</p>" + body), settings());
        ContentChecker checker = new ContentChecker();

        assertThat(checker.check(message.render(ContentFixtures.recipient("A")), settings()).findings()).isEmpty();
        assertThat(checker.check(message.render(ContentFixtures.softOptIn("A")), settings()).findings()).isEmpty();
    }

    private static String lineBreaksAsLf(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static String bodyOf(String html) {
        return html.substring(html.indexOf("<body"));
    }

    /** Tag names and attribute names in document order: what a value must never change. */
    private static List<String> structure(String html) {
        return Jsoup.parse(html).getAllElements().stream()
                .map(element -> element.normalName() + element.attributes().asList().stream().map(Attribute::getKey).toList())
                .toList();
    }

    private static void assertNothingRuns(String html) {
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script", "<iframe", "<object", "<embed", "<svg", "<base", "<form");
        Document document = Jsoup.parseBodyFragment(html);
        for (Element element : document.body().getAllElements()) {
            assertThat(element.normalName()).isNotIn("script", "style", "iframe", "object", "embed", "form", "svg", "math", "base", "meta");
            for (Attribute attribute : element.attributes()) {
                assertThat(attribute.getKey().toLowerCase(Locale.ROOT)).doesNotStartWith("on");
                String key = attribute.getKey().toLowerCase(Locale.ROOT);
                String value = attribute.getValue().replaceAll("[\\s\\p{Cntrl}]", "").toLowerCase(Locale.ROOT);
                if (URL_ATTRIBUTES.contains(key)) {
                    assertThat(value).matches("(https?:|mailto:|cid:).*");
                }
                if (key.equals("style")) {
                    assertThat(value).doesNotContain("expression(", "url(", "javascript:");
                }
            }
        }
    }
}
