package nl.mailwijs.content.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Keeps the inline style declarations that only format: colours, fonts, spacing, borders,
 * alignment, sizes. Everything that can hide or move content (display, visibility, position,
 * opacity, overflow, max-height, a zero font size, negative margins) or fetch something
 * (url(), expression(), @import) is dropped, so author content can neither run code nor cover
 * or hide the footer. Values may only hold letters, digits, spaces and # % . , - : anything
 * else (parentheses, quotes, slashes, escapes) drops the declaration.
 */
final class StyleSanitiser {

    private static final Set<String> PROPERTIES = Set.of(
            "color", "background-color", "font-family", "font-size", "font-weight", "font-style", "line-height",
            "text-align", "text-decoration", "text-transform", "letter-spacing", "vertical-align",
            "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
            "margin", "margin-top", "margin-right", "margin-bottom", "margin-left",
            "border", "border-top", "border-right", "border-bottom", "border-left", "border-color", "border-style",
            "border-width", "border-radius", "border-collapse", "border-spacing",
            "width", "min-width", "max-width", "height", "min-height");

    private StyleSanitiser() {
    }

    static String sanitise(String style) {
        StringBuilder kept = new StringBuilder();
        for (String declaration : style.split(";")) {
            int colon = declaration.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String property = declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = declaration.substring(colon + 1).strip();
            if (PROPERTIES.contains(property) && !value.isEmpty() && isPlainValue(value) && !hides(property, value)) {
                if (!kept.isEmpty()) {
                    kept.append("; ");
                }
                kept.append(property).append(": ").append(value);
            }
        }
        return kept.toString();
    }

    static boolean isPlainValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == ' ' || c == '#' || c == '%' || c == '.' || c == ',' || c == '-';
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    private static boolean hides(String property, String value) {
        for (int i = 0; i + 1 < value.length(); i++) {
            if (value.charAt(i) == '-' && (Character.isDigit(value.charAt(i + 1)) || value.charAt(i + 1) == '.')) {
                return true;
            }
        }
        if (property.equals("font-size") || property.equals("line-height")
                || property.equals("height") || property.equals("width") || property.equals("max-width")) {
            return startsWithZero(value);
        }
        return false;
    }

    /** "0", "0px", "0.0em", ".0": a size that makes what it applies to vanish. */
    private static boolean startsWithZero(String value) {
        int i = 0;
        boolean digit = false;
        while (i < value.length() && (Character.isDigit(value.charAt(i)) || value.charAt(i) == '.')) {
            char c = value.charAt(i);
            if (c >= '1' && c <= '9') {
                return false;
            }
            digit |= c == '0';
            i++;
        }
        return digit;
    }
}
