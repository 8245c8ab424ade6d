package nl.mailwijs.signup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import nl.mailwijs.engine.decision.Language;

class SignupTextsTests {

    @Test
    void dutchAndEnglishHaveTheSameSentences() {
        assertThat(Texts.keys(Language.EN)).isNotEmpty().containsExactlyInAnyOrderElementsOf(Texts.keys(Language.NL));
    }

    @Test
    void theFilesAreReadAsUtf8AndFilledInLiterally() {
        assertThat(Texts.text(Language.NL, "error.tick")).isEqualTo("Vink minstens één vakje aan om u aan te melden.");
        assertThat(Texts.text(Language.NL, "mail.intro", "jan@example.nl", "Jansen's", "Nieuws"))
                .isEqualTo("Iemand, waarschijnlijk u, heeft jan@example.nl aangemeld bij Jansen's via het formulier \"Nieuws\".");
    }
}
