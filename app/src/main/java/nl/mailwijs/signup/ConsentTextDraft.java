package nl.mailwijs.signup;

import java.util.List;
import java.util.Set;

import nl.mailwijs.engine.request.Channel;

/** The content of a consent text version as a client sends it; {@link ConsentTexts} checks it. */
public record ConsentTextDraft(String wording, String language, List<ConsentTextVersion.Topic> topics, Set<Channel> channels) {

    public ConsentTextDraft {
        topics = topics == null ? List.of() : List.copyOf(topics);
        channels = channels == null ? Set.of() : Set.copyOf(channels);
    }
}
