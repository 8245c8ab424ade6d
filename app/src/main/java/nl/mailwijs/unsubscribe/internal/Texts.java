package nl.mailwijs.unsubscribe.internal;

import java.util.Set;

import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.platform.TextBundle;

/** The preference centre's sentences per language (texts_nl.properties, texts_en.properties). */
public final class Texts {

    private static final TextBundle BUNDLE = new TextBundle("nl.mailwijs.unsubscribe.internal.texts");

    private Texts() {
    }

    public static String text(Language language, String key, String... values) {
        return BUNDLE.text(language, key, values);
    }

    public static Set<String> keys(Language language) {
        return BUNDLE.keys(language);
    }
}
