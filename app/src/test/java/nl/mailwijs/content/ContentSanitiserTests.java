package nl.mailwijs.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nl.mailwijs.content.internal.Bodies;

class ContentSanitiserTests {

    @Test
    void formattingListsTablesAndSafeLinksStay() {
        String html = "<h2>Aanbieding</h2><p><strong>Vet</strong>, <em>schuin</em> en <a href=\"https://shop.nl/a?b=1&amp;c=2\" title=\"t\">link</a>"
                + " of <a href=\"mailto:info@shop.nl\">mail</a></p><ul><li>een</li></ul>"
                + "<table role=\"presentation\" width=\"100%\"><tbody><tr><td align=\"center\">cel</td></tr></tbody></table>"
                + "<img src=\"https://cdn.shop.nl/a.png\" alt=\"foto\" width=\"300\"><img src=\"cid:logo\" alt=\"logo\">";

        assertThat(Bodies.sanitise(html)).isEqualTo(html);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
        "<img src=\"http://plain.example/a.png\">",
        "<img src=\"data:image/png;base64,AAAA\">",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<form action=\"https://evil.example\"><input name=q></form>",
        "<svg onload=alert(1)>",
        "<style>body{display:none}</style>",
        "<p onclick=\"alert(1)\" onmouseover=alert(2)>x</p>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<p style=\"background-image: url(javascript:alert(1))\">x</p>",
        "<p style=\"width: expression(alert(1))\">x</p>",
    })
    void nothingThatRunsOrFetchesSurvives(String attack) {
        String clean = Bodies.sanitise(attack).toLowerCase();

        assertThat(clean).doesNotContain("<script", "javascript:", "vbscript:", "data:", "onerror", "onclick", "onmouseover",
                "onload", "<iframe", "<form", "<input", "<svg", "<style", "<object", "<embed", "<meta", "<base", "expression", "url(",
                "http://plain");
    }

    @Test
    void inlineStylesKeepOnlyFormatting() {
        String clean = Bodies.sanitise("<p style=\"color: #333; DISPLAY: none; font-size: 14px; position: absolute; "
                + "visibility:hidden; margin-top: -500px; font-family: 'Comic Sans'; opacity: 0; padding: 4px 8px\">x</p>");

        assertThat(clean).isEqualTo("<p style=\"color: #333; font-size: 14px; padding: 4px 8px\">x</p>");
    }

    @Test
    void aZeroFontSizeCannotHideText() {
        assertThat(Bodies.sanitise("<span style=\"font-size: 0px; line-height: 0\">verstopt</span>")).isEqualTo("<span>verstopt</span>");
    }

    @Test
    void commentsClassesAndIdsGo() {
        assertThat(Bodies.sanitise("<p class=\"x\" id=\"y\">a<!-- geheim -->b</p>")).isEqualTo("<p>ab</p>");
    }

    @Test
    void aBodyWithNothingReadableLeftIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MessageComposer().compile(
                        MessageDraft.html("x", "", "<script>alert(1)</script><img src=\"https://x.nl/a.png\">"), ContentFixtures.settings()))
                .hasMessage("body: nothing readable is left after sanitising (scripts, styles, forms and the like are removed): "
                        + "write text, or give images an alt text");
    }

    @Test
    void unclosedTagsAreClosed() {
        assertThat(Bodies.sanitise("<div><p><b>open")).isEqualTo("<div><p><b>open</b></p></div>");
    }
}
