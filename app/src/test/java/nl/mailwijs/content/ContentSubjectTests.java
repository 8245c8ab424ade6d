package nl.mailwijs.content;

import static nl.mailwijs.content.ContentFixtures.recipient;
import static nl.mailwijs.content.ContentFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import nl.mailwijs.engine.decision.Basis;

class ContentSubjectTests {

    private final MessageComposer composer = new MessageComposer();
    private final CompiledMessage message = composer.compile(MessageDraft.markdown("Hoi {{contact.firstName}}", "", "x"), settings());

    @Test
    void aLineBreakInTheSubjectIsRefusedAtComposeTime() {
        assertThatThrownBy(() -> composer.compile(MessageDraft.markdown("Hoi\r\nBcc: x@y.nl", "", "x"), settings()))
                .hasMessage("subject 1:4: a subject is one line: remove the line break (a header may not hold one, RFC 5322)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Anna\r\nBcc: iedereen@example.nl", "Anna\n", "Anna\rX", "A\u0000", "A\u2028B", "A\u0085B", "A\tB"})
    void aMergeValueThatWouldBreakTheSubjectRefusesThatRecipient(String firstName) {
        assertThatThrownBy(() -> message.render(recipient(firstName)))
                .isInstanceOf(ContentRenderException.class)
                .hasMessageContaining("a header may not hold line breaks");
    }

    @Test
    void theHtmlEscapedSubjectIsTheTitleAndTheRawOneTheSubject() {
        RenderedMessage rendered = message.render(recipient("<Anna & Co>"));

        assertThat(rendered.subject()).isEqualTo("Hoi <Anna & Co>");
        assertThat(rendered.html()).contains("<title>Hoi &lt;Anna &amp; Co&gt;</title>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "afmelden", "/afmelden", "ftp://x.nl/a", "javascript:alert(1)", "https://", "https:///pad",
        "https://x.nl/a b", "https://x.nl/\"onclick", "https://x.nl/\r\nX"})
    void everyMessageNeedsAnAbsoluteHttpUnsubscribeUrl(String url) {
        assertThatThrownBy(() -> message.render(new MessageRecipient("A", null, "a@x.nl", Map.of(), url, Basis.CONSENT)))
                .isInstanceOf(ContentRenderException.class)
                .hasMessageContaining("is not an absolute http(s) URL");
    }

    @Test
    void emptySubjectOrBodyIsRefused() {
        assertThatThrownBy(() -> composer.compile(MessageDraft.markdown(" ", "", ""), settings()))
                .hasMessage("subject: a message needs a subject; body: a message needs a body");
    }
}
