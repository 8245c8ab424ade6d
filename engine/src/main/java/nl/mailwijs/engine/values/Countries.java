package nl.mailwijs.engine.values;

import java.util.Locale;
import java.util.Set;

/** ISO 3166-1 alpha-2 country codes and membership of the European Economic Area. */
public final class Countries {

    /**
     * The 27 EU member states plus Iceland, Liechtenstein and Norway, and the parts of member
     * states that have codes of their own but are inside the EU: the French outermost regions
     * (Guadeloupe, French Guiana, Martinique, Réunion, Mayotte, Saint-Martin) and Åland.
     */
    private static final Set<String> EEA = Set.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
            "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
            "IS", "LI", "NO",
            "GP", "GF", "MQ", "RE", "YT", "MF", "AX");

    private static final Set<String> ISO = Set.of(Locale.getISOCountries());

    private Countries() {
    }

    public static boolean isKnown(String code) {
        return code != null && ISO.contains(code);
    }

    public static boolean inEea(String code) {
        return EEA.contains(code);
    }

    /**
     * A hint for codes people often write instead of the ISO one, or null. {@code UK} and
     * {@code EL} are the EU's own abbreviations for the United Kingdom and Greece.
     */
    public static String isoHintFor(String code) {
        return switch (code) {
            case "UK" -> "GB";
            case "EL" -> "GR";
            default -> null;
        };
    }
}
