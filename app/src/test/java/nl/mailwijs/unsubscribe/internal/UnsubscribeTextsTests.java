package nl.mailwijs.unsubscribe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Channel;

class UnsubscribeTextsTests {

    @Test
    void dutchAndEnglishHaveTheSameSentencesAndEveryChannelHasAName() {
        assertThat(Texts.keys(Language.EN)).isNotEmpty().containsExactlyInAnyOrderElementsOf(Texts.keys(Language.NL));
        for (Language language : Language.values()) {
            assertThat(Texts.keys(language)).containsAll(Arrays.stream(Channel.values()).map(channel -> "channel." + channel.name()).toList());
        }
    }
}
