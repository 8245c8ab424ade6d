package nl.mailwijs.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import nl.mailwijs.content.internal.Texts;
import nl.mailwijs.engine.decision.Language;

class ContentTextsTests {

    @Test
    void dutchAndEnglishHaveTheSameSentences() {
        assertThat(Texts.keys(Language.EN)).containsExactlyInAnyOrderElementsOf(Texts.keys(Language.NL));
    }

    @Test
    void everyDefectHasASentenceInEveryLanguage() {
        for (Language language : Language.values()) {
            assertThat(Texts.keys(language)).containsAll(Arrays.stream(ContentDefect.values()).map(defect -> "check." + defect.name()).toList());
        }
    }

    @Test
    void theFilesAreReadAsUtf8() {
        assertThat(Texts.text(Language.NL, "footer.unsubscribe.after")).isEqualTo("(één klik, gratis).");
    }
}
