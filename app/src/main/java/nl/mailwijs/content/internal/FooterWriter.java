package nl.mailwijs.content.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.settings.SenderSettings;

/**
 * The footer Mailwijs adds to every message, outside the author's reach: who sends it (Tw 11.7
 * lid 4: the real identity, plus KvK number and postal address when the settings have them),
 * the one-step objection link, and under soft opt-in the repeated chance to object (lid 3).
 * Settings values are escaped here, once; only the unsubscribe URL is filled per recipient.
 * Its colours are set on the footer itself (contrast about 9:1) so no layout can make it
 * unreadable.
 */
public final class FooterWriter {

    private static final FieldRef UNSUBSCRIBE = new FieldRef(FieldRef.Kind.UNSUBSCRIBE_URL, null, null);
    private static final String LINK_STYLE = "color: #1d4ed8; text-decoration: underline;";

    private FooterWriter() {
    }

    public record Footer(Part html, Part text) {
    }

    public static Footer footer(SenderSettings settings, Language language, boolean softOptIn) {
        String identity = identity(settings, language);
        String lang = language.name().toLowerCase(Locale.ROOT);

        Part.Builder html = Part.builder()
                .literal("<div lang=\"" + lang + "\" style=\"font-family: Arial, Helvetica, sans-serif; font-size: 13px; "
                        + "line-height: 1.5; color: #374151; background-color: #f4f4f5; padding: 16px 12px; text-align: left;\">")
                .literal("<p style=\"margin: 0 0 8px 0;\">").literal(Escape.html(identity)).literal("</p>");
        if (softOptIn) {
            html.literal("<p style=\"margin: 0 0 8px 0;\">")
                    .literal(Escape.html(Texts.text(language, "footer.softOptIn"))).literal("</p>");
        }
        html.literal("<p style=\"margin: 0;\">").literal(Escape.html(Texts.text(language, "footer.unsubscribe.before")))
                .literal(" <a href=\"").field(UNSUBSCRIBE, Escape.HTML).literal("\" style=\"" + LINK_STYLE + "\">")
                .literal(Escape.html(Texts.text(language, "footer.unsubscribe.link"))).literal("</a> ")
                .literal(Escape.html(Texts.text(language, "footer.unsubscribe.after")));
        String objection = blankToNull(settings.objectionAddress());
        if (objection != null) {
            String before = Texts.text(language, "footer.objectionAddress").split("\\{0}", 2)[0];
            String after = Texts.text(language, "footer.objectionAddress").split("\\{0}", 2)[1];
            html.literal(" ").literal(Escape.html(before)).literal(objectionLink(objection)).literal(Escape.html(after));
        }
        html.literal("</p></div>");

        Part.Builder text = Part.builder().literal("-- \n").literal(identity).literal("\n");
        if (softOptIn) {
            text.literal(Texts.text(language, "footer.softOptIn")).literal("\n");
        }
        String unsubscribe = Texts.text(language, "footer.unsubscribe.text");
        int slot = unsubscribe.indexOf("{0}");
        text.literal(Texts.text(language, "footer.unsubscribe.before")).literal(" ")
                .literal(unsubscribe.substring(0, slot)).field(UNSUBSCRIBE, Escape.RAW).literal(unsubscribe.substring(slot + 3));
        if (objection != null) {
            text.literal("\n").literal(Texts.text(language, "footer.objectionAddress", objection));
        }
        text.literal("\n");
        return new Footer(html.build(), text.build());
    }

    /** "Deze e-mail is verstuurd door X B.V., handelsnaam X, KvK-nummer 1234, Straat 1, 1234 AB Plaats." */
    public static String identity(SenderSettings settings, Language language) {
        StringBuilder who = new StringBuilder(settings.legalName().strip());
        String tradeName = blankToNull(settings.tradeName());
        if (tradeName != null && !tradeName.equalsIgnoreCase(settings.legalName().strip())) {
            who.append(", ").append(Texts.text(language, "footer.tradeName", tradeName));
        }
        String kvk = blankToNull(settings.kvkNumber());
        if (kvk != null) {
            who.append(", ").append(Texts.text(language, "footer.kvk", kvk));
        }
        List<String> lines = addressLines(settings.postalAddress());
        if (!lines.isEmpty()) {
            who.append(", ").append(String.join(", ", lines));
        }
        String sentence = Texts.text(language, "footer.sentBy", who.toString());
        return sentence.endsWith(".") ? sentence : sentence + ".";
    }

    /** The postal address as the footer shows it: its non-blank lines, each stripped, in order. */
    public static List<String> addressLines(String postalAddress) {
        if (postalAddress == null) {
            return List.of();
        }
        return Arrays.stream(postalAddress.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static String objectionLink(String objection) {
        String lower = objection.toLowerCase(Locale.ROOT);
        String href;
        String shown = objection;
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            href = objection;
        } else if (lower.startsWith("mailto:")) {
            href = objection;
            shown = objection.substring("mailto:".length());
        } else if (objection.contains("@") && !objection.contains(" ")) {
            href = "mailto:" + objection;
        } else {
            return Escape.html(objection);
        }
        return "<a href=\"" + Escape.html(href) + "\" style=\"" + LINK_STYLE + "\">" + Escape.html(shown) + "</a>";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
