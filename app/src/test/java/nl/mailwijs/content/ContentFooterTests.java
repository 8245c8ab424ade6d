package nl.mailwijs.content;

import static nl.mailwijs.content.ContentFixtures.UNSUBSCRIBE;
import static nl.mailwijs.content.ContentFixtures.recipient;
import static nl.mailwijs.content.ContentFixtures.settings;
import static nl.mailwijs.content.ContentFixtures.softOptIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import nl.mailwijs.engine.decision.Language;

class ContentFooterTests {

    private final MessageComposer composer = new MessageComposer();
    private final CompiledMessage message = composer.compile(MessageDraft.markdown("Nieuws", "", "Hallo"), settings());

    @Test
    void theFooterNamesTheSenderAndLinksToTheObjectionUrlInBothParts() {
        RenderedMessage rendered = message.render(recipient("Anna"));
        String identity = "Deze e-mail is verstuurd door Fotostudio Jansen B.V., handelsnaam Studio Licht, KvK-nummer 12345678, "
                + "Dorpsstraat 1, 1234 AB Dorp.";

        assertThat(rendered.html()).contains(identity)
                .contains("Geen e-mails meer van ons ontvangen? <a href=\"" + UNSUBSCRIBE + "\"")
                .contains(">Afmelden</a> (één klik, gratis).")
                .contains("Bezwaar maken kan ook via <a href=\"mailto:privacy@fotostudio-jansen.nl\"");
        assertThat(rendered.text()).isEqualTo("Hallo\n\n-- \n" + identity + "\n"
                + "Geen e-mails meer van ons ontvangen? Afmelden (één klik, gratis): " + UNSUBSCRIBE + "\n"
                + "Bezwaar maken kan ook via privacy@fotostudio-jansen.nl.\n");
    }

    @Test
    void underSoftOptInTheFooterRepeatsTheChanceToObject() {
        String notice = "U ontvangt deze e-mail omdat u eerder iets bij ons hebt gekocht.";

        assertThat(message.render(softOptIn("Anna")).html()).contains(notice);
        assertThat(message.render(softOptIn("Anna")).text()).contains(notice);
        assertThat(message.render(recipient("Anna")).html()).doesNotContain(notice);
        assertThat(message.render(recipient("Anna")).text()).doesNotContain(notice);
    }

    @Test
    void aTradeNameEqualToTheLegalNameAndMissingDetailsAreLeftOut() {
        RenderedMessage rendered = composer.compile(MessageDraft.markdown("x", "", "y"),
                settings("Bakkerij Bos", "bakkerij bos", null, " ", null)).render(recipient("A"));

        assertThat(rendered.text()).contains("-- \nDeze e-mail is verstuurd door Bakkerij Bos.\nGeen e-mails");
        assertThat(rendered.text()).doesNotContain("Bezwaar maken");
    }

    @Test
    void inEnglish() {
        RenderedMessage rendered = composer.compile(MessageDraft.markdown("News", "", "Hello").withLanguage(Language.EN), settings())
                .render(softOptIn("Anna"));

        assertThat(rendered.html()).startsWith("<!DOCTYPE html>\n<html lang=\"en\"")
                .contains("This e-mail was sent by Fotostudio Jansen B.V., trading as Studio Licht, Chamber of Commerce (KvK) number 12345678")
                .contains("You receive this e-mail because you bought from us before.")
                .contains(">Unsubscribe</a> (one click, free of charge).");
        assertThat(rendered.text()).contains("Unsubscribe (one click, free of charge): " + UNSUBSCRIBE);
    }

    @Test
    void settingsValuesAreEscapedInTheFooter() {
        RenderedMessage rendered = composer.compile(MessageDraft.markdown("x", "", "y"),
                settings("<b>Jansen</b> & Zn {{contact.name}}", null, null, null, "javascript:alert(1)")).render(recipient("A"));

        assertThat(rendered.html()).contains("&lt;b&gt;Jansen&lt;/b&gt; &amp; Zn {{contact.name}}")
                .doesNotContain("href=\"javascript");
    }

    @Test
    void withoutALegalNameNothingCompiles() {
        assertThatThrownBy(() -> composer.compile(MessageDraft.markdown("x", "", "y"), settings(" ", null, null, null, null)))
                .isInstanceOf(ContentValidationException.class)
                .hasMessageContaining("settings.legalName: the sender settings have no legal name");
    }

    @Test
    void theAuthorCannotHideTheFooterWithAnUnclosedCommentOrTag() {
        for (String body : new String[] {"<p>hoi <!-- ", "<div style=\"display:none\"><table><tr><td>", "<textarea>", "<title>", "<style>",
                "<xmp>", "<plaintext>", "<noscript>", "<template>", "<a href=\"https://x.nl\">", "<select><option>", "]]>", "</body></html><!--"}) {
            RenderedMessage rendered = composer.compile(MessageDraft.html("x", "", "<p>Hallo</p>" + body), settings()).render(recipient("A"));

            assertThat(new ContentChecker().check(rendered, settings()).findings()).as(body).isEmpty();
        }
    }
}
