package nl.mailwijs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;

import nl.mailwijs.campaigns.CampaignProblem;
import nl.mailwijs.campaigns.CampaignState;
import nl.mailwijs.content.ContentProblem;
import nl.mailwijs.content.ContentValidationException;
import nl.mailwijs.delivery.MailCatcher;

/**
 * A code and its arguments become the text of the page's language, as Thymeleaf asks the message
 * source for it: an enum argument by its own text, a text inside a text in the same language, and
 * a port as the number it is.
 */
class PageTextTests {

    private final MessageSource messages = new WebConfiguration().messageSource();

    @Test
    void anEnumArgumentIsShownByItsOwnTextInTheSameLanguage() {
        PageText text = PageText.of(CampaignProblem.NOT_SCHEDULED, List.of(CampaignState.SENDING));

        assertThat(say(text, WebConfiguration.DUTCH)).isEqualTo("De campagne is niet ingepland (ze is nu: Wordt verstuurd).");
        assertThat(say(text, Locale.ENGLISH)).isEqualTo("The campaign is not scheduled (it is now: Sending).");
    }

    @Test
    void aContentProblemIsSaidWithItsPartLineAndColumn() {
        ContentValidationException problems = new ContentValidationException(List.of(
                new ContentProblem("subject", 1, 4, "control character U+0007 is not allowed in a subject",
                        ContentProblem.Code.SUBJECT_CONTROL_CHARACTER, "U+0007"),
                new ContentProblem("body", 0, 0, "a message needs a body", ContentProblem.Code.BODY_MISSING)));

        List<PageText> lines = CampaignPages.contentLines(problems);

        assertThat(lines).extracting(line -> say(line, WebConfiguration.DUTCH)).containsExactly(
                "Onderwerpregel, regel 1, kolom 4: Het stuurteken U+0007 mag niet in een onderwerp.", "Inhoud: Een bericht heeft inhoud nodig.");
        assertThat(lines).extracting(line -> say(line, Locale.ENGLISH)).containsExactly(
                "Subject line, line 1, column 4: The control character U+0007 is not allowed in a subject.", "Content: A message needs content.");
    }

    @Test
    void aPortIsShownAsItsNumberNotAsAnAmount() {
        PageText taken = MailCatcherPages.text(new MailCatcher.StartFailure(MailCatcher.Failure.PORT_TAKEN, 2525));

        assertThat(say(taken, WebConfiguration.DUTCH)).isEqualTo("poort 2525 op 127.0.0.1 is al in gebruik");
        assertThat(say(taken, Locale.ENGLISH)).isEqualTo("port 2525 on 127.0.0.1 is already in use");
    }

    /** As the templates' {@code #messages.msgWithParams(text.key, text.arguments)} asks it. */
    private String say(PageText text, Locale locale) {
        return messages.getMessage(text.key(), text.arguments(), locale);
    }
}
