package nl.mailwijs.engine.decision;

import java.util.Locale;
import java.util.Optional;

/** The languages reasons are written in; Dutch is the default. */
public enum Language {
    NL, EN;

    public static final Language DEFAULT = NL;

    /** Reads {@code nl}, {@code en}, {@code en-GB}, {@code nl_NL}, case-insensitively. */
    public static Optional<Language> fromTag(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String primary = tag.trim().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return switch (primary) {
            case "nl" -> Optional.of(NL);
            case "en" -> Optional.of(EN);
            default -> Optional.empty();
        };
    }
}
