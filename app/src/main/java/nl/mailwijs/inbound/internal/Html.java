package nl.mailwijs.inbound.internal;

import java.util.regex.Pattern;

/** Just enough HTML-to-text for NDRs that come only as HTML: block ends become line breaks, tags go. */
final class Html {

    private static final Pattern HIDDEN = Pattern.compile("(?is)<(script|style|head)\\b[^>]*+>.*?</\\1\\s*>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(?:p|div|tr|li|h[1-6]|table)\\s*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*+>");

    private Html() {
    }

    static String toText(String html) {
        String text = HIDDEN.matcher(html).replaceAll(" ");
        text = BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
