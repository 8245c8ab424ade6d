package nl.mailwijs.content.internal;

import java.util.Locale;
import java.util.Set;

import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * What author HTML may keep in an e-mail: formatting, lists, tables, links to http, https and
 * mailto, images from https or cid. No script, style element, form, frame, event handler,
 * class or id. URLs are checked here rather than by jsoup's protocol lists because a link may
 * be exactly {@code {{unsubscribeUrl}}}, which has no scheme until it is rendered. Inline
 * styles are kept declaration by declaration ({@link StyleSanitiser}).
 */
final class EmailSafelist extends Safelist {

    private static final String[] TAGS = {
        "a", "abbr", "b", "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del",
        "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "ol", "p",
        "pre", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "u", "ul"};
    private static final Set<String> ROLES = Set.of("presentation", "none");

    EmailSafelist() {
        addTags(TAGS);
        addAttributes(":all", "style", "title", "dir", "lang", "align");
        addAttributes("a", "href");
        addAttributes("img", "src", "alt", "width", "height", "border");
        addAttributes("table", "role", "width", "cellpadding", "cellspacing", "border", "bgcolor");
        addAttributes("td", "colspan", "rowspan", "valign", "width", "height", "bgcolor");
        addAttributes("th", "colspan", "rowspan", "valign", "width", "height", "bgcolor", "scope");
        addAttributes("tr", "valign", "bgcolor");
        addAttributes("col", "span", "width");
        addAttributes("ol", "start", "type");
        addAttributes("blockquote", "cite");
        addAttributes("q", "cite");
    }

    @Override
    public boolean isSafeAttribute(String tagName, Element element, Attribute attribute) {
        if (!super.isSafeAttribute(tagName, element, attribute)) {
            return false;
        }
        String key = attribute.getKey().toLowerCase(Locale.ROOT);
        String value = attribute.getValue();
        return switch (key) {
            case "href" -> keepUrl(attribute, value, tagName.equals("a"), false);
            case "src" -> keepUrl(attribute, value, false, true);
            case "cite" -> keepUrl(attribute, value, false, false);
            case "style" -> {
                String safe = StyleSanitiser.sanitise(value);
                attribute.setValue(safe);
                yield !safe.isEmpty();
            }
            case "role" -> ROLES.contains(value.strip().toLowerCase(Locale.ROOT));
            case "bgcolor" -> StyleSanitiser.isPlainValue(value);
            default -> true;
        };
    }

    private static boolean keepUrl(Attribute attribute, String value, boolean link, boolean image) {
        String url = stripped(value);
        String lower = url.toLowerCase(Locale.ROOT);
        boolean safe;
        if (image) {
            safe = lower.startsWith("https://") || lower.startsWith("cid:");
        } else if (link) {
            safe = lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("mailto:")
                    || Tokens.isWholeUnsubscribeToken(url);
        } else {
            safe = lower.startsWith("https://") || lower.startsWith("http://");
        }
        if (safe) {
            attribute.setValue(Tokens.inUrl(url));
        }
        return safe;
    }

    /**
     * Browsers ignore leading and trailing blanks and any tab or line break inside a URL, so
     * "java\tscript:" is "javascript:"; the check and the kept value both use the URL without them.
     */
    private static String stripped(String value) {
        StringBuilder url = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > ' ' && c != 0x7F) {
                url.append(c);
            } else if (c == ' ' && !url.isEmpty()) {
                url.append("%20");
            }
        }
        String result = url.toString();
        while (result.endsWith("%20")) {
            result = result.substring(0, result.length() - 3);
        }
        return result;
    }
}
