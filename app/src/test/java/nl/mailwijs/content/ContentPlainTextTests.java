package nl.mailwijs.content;

import static nl.mailwijs.content.ContentFixtures.recipient;
import static nl.mailwijs.content.ContentFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentPlainTextTests {

    private final MessageComposer composer = new MessageComposer();

    private String text(MessageDraft draft) {
        String text = composer.compile(draft, settings()).render(recipient("Anna")).text();
        return text.substring(0, text.indexOf("\n\n-- \n"));
    }

    @Test
    void headingsParagraphsListsAndLinksReadWellAsText() {
        String markdown = """
                # Zomeractie

                Beste {{contact.firstName}},

                Deze week **20% korting** op [fotoafdrukken](https://shop.nl/afdrukken).

                - canvas
                - poster
                  1. A3
                  2. A2

                1. kies
                2. bestel

                Mail <info@shop.nl> of bel.
                """;

        assertThat(text(MessageDraft.markdown("Actie", "", markdown))).isEqualTo("""
                # Zomeractie

                Beste Anna,

                Deze week 20% korting op fotoafdrukken (https://shop.nl/afdrukken).

                - canvas
                - poster
                  1. A3
                  2. A2

                1. kies
                2. bestel

                Mail info@shop.nl of bel.""");
    }

    @Test
    void htmlLineBreaksTablesAndImages() {
        String html = "<div>Regel<br>twee</div><table><tr><td>links</td><td>rechts</td></tr><tr><td>onder</td></tr></table>"
                + "<p><a href=\"https://shop.nl\"><img src=\"https://shop.nl/logo.png\" alt=\"Logo\"></a></p><hr><p>Einde</p>";

        assertThat(text(MessageDraft.html("Actie", "", html))).isEqualTo("""
                Regel
                twee

                links rechts
                onder

                Logo (https://shop.nl)

                ----------

                Einde""");
    }

    @Test
    void aLinkWhoseTextIsItsUrlIsWrittenOnce() {
        assertThat(text(MessageDraft.html("x", "", "<p><a href=\"https://shop.nl\">https://shop.nl</a></p>"))).isEqualTo("https://shop.nl");
    }

    @Test
    void theAuthorMayWriteTheirOwnTextPart() {
        MessageDraft draft = MessageDraft.html("x", "", "<p>HTML</p>").withTextBody("Hoi {{contact.firstName}} <b>&</b>");

        assertThat(text(draft)).isEqualTo("Hoi Anna <b>&</b>");
    }
}
