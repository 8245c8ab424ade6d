package nl.mailwijs.content.internal;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;

import nl.mailwijs.engine.decision.Language;

/** The content module's sentences per language (texts_nl.properties, texts_en.properties). */
public final class Texts {

    private static final Map<Language, ResourceBundle> BUNDLES = new EnumMap<>(Language.class);

    static {
        for (Language language : Language.values()) {
            BUNDLES.put(language, ResourceBundle.getBundle("nl.mailwijs.content.internal.texts",
                    Locale.of(language.name().toLowerCase(Locale.ROOT)),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        }
    }

    private Texts() {
    }

    public static String text(Language language, String key) {
        return BUNDLES.get(language).getString(key);
    }

    /** {0} and {1} replaced literally: no MessageFormat, whose quote rules would eat Dutch apostrophes. */
    public static String text(Language language, String key, String first, String second) {
        return text(language, key).replace("{0}", first).replace("{1}", second);
    }

    public static String text(Language language, String key, String first) {
        return text(language, key).replace("{0}", first);
    }

    public static Set<String> keys(Language language) {
        return BUNDLES.get(language).keySet();
    }
}
