package nl.mailwijs.platform;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;

import nl.mailwijs.engine.decision.Language;

/**
 * A module's sentences per language, from {@code NAME_nl.properties} and {@code NAME_en.properties}
 * (no fallback between them: a missing key is an error, not the other language).
 */
public final class TextBundle {

    private final Map<Language, ResourceBundle> bundles = new EnumMap<>(Language.class);

    /** @param baseName the bundle's base name, e.g. {@code nl.mailwijs.signup.internal.texts} */
    public TextBundle(String baseName) {
        for (Language language : Language.values()) {
            bundles.put(language, ResourceBundle.getBundle(baseName, Locale.of(language.name().toLowerCase(Locale.ROOT)),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        }
    }

    /** {0}, {1}, ... replaced literally: no MessageFormat, whose quote rules would eat Dutch apostrophes. */
    public String text(Language language, String key, String... values) {
        String text = bundles.get(language).getString(key);
        for (int i = 0; i < values.length; i++) {
            text = text.replace("{" + i + "}", values[i]);
        }
        return text;
    }

    public Set<String> keys(Language language) {
        return bundles.get(language).keySet();
    }
}
