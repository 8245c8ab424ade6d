package nl.mailwijs.content.internal;

import java.util.Locale;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The plain-text part from sanitised HTML, for readers whose client shows no HTML: paragraphs
 * apart by a blank line, headings marked with #, list items with - or their number, links as
 * {@code text (url)}, images as their alt text. Merge-field tokens pass through unchanged.
 */
public final class PlainTextWriter {

    private final StringBuilder out = new StringBuilder();
    private int newlines = 2;
    private int listDepth;
    private boolean preformatted;

    private PlainTextWriter() {
    }

    public static String write(Element root) {
        PlainTextWriter writer = new PlainTextWriter();
        writer.children(root);
        return tidy(writer.out.toString());
    }

    private void children(Node node) {
        for (Node child : node.childNodes()) {
            node(child);
        }
    }

    private void node(Node node) {
        if (node instanceof TextNode text) {
            text(preformatted ? text.getWholeText() : text.getWholeText().replaceAll("\\s+", " "));
            return;
        }
        if (!(node instanceof Element element)) {
            return;
        }
        String tag = element.normalName();
        switch (tag) {
            case "br" -> newline(1);
            case "hr" -> {
                newline(2);
                append("----------");
                newline(2);
            }
            case "p", "table", "blockquote", "dl" -> block(element, 2);
            case "div", "tr", "caption", "dt", "dd" -> block(element, 1);
            case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                newline(2);
                append("#".repeat(tag.charAt(1) - '0') + " ");
                children(element);
                newline(2);
            }
            case "ul", "ol" -> list(element);
            case "pre" -> {
                newline(2);
                boolean outer = preformatted;
                preformatted = true;
                children(element);
                preformatted = outer;
                newline(2);
            }
            case "td", "th" -> {
                if (out.length() > 0 && newlines == 0) {
                    append(" ");
                }
                children(element);
            }
            case "a" -> link(element);
            case "img" -> {
                String alt = element.attr("alt").strip();
                if (!alt.isEmpty()) {
                    text(alt);
                }
            }
            default -> children(element);
        }
    }

    private void block(Element element, int lines) {
        newline(lines);
        children(element);
        newline(lines);
    }

    private void list(Element list) {
        newline(listDepth == 0 ? 2 : 1);
        listDepth++;
        int number = list.normalName().equals("ol") ? parseStart(list.attr("start")) : 0;
        for (Element item : list.children()) {
            if (!item.normalName().equals("li")) {
                node(item);
                continue;
            }
            newline(1);
            append("  ".repeat(listDepth - 1) + (number > 0 ? (number++) + ". " : "- "));
            children(item);
        }
        listDepth--;
        newline(listDepth == 0 ? 2 : 1);
    }

    private void link(Element link) {
        int before = out.length();
        children(link);
        String text = out.substring(before).strip();
        String href = link.attr("href");
        String shown = href.toLowerCase(Locale.ROOT).startsWith("mailto:") ? href.substring("mailto:".length()) : href;
        if (text.isEmpty()) {
            append(shown);
        } else if (!text.equals(shown) && !text.equals(href)) {
            append(" (" + shown + ")");
        }
    }

    private void text(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!preformatted && newlines > 0) {
            text = text.stripLeading();
            if (text.isEmpty()) {
                return;
            }
        }
        append(text);
    }

    private void append(String text) {
        if (newlines > 0 && out.length() > 0) {
            out.append("\n".repeat(newlines));
        }
        newlines = 0;
        out.append(text);
    }

    private void newline(int count) {
        if (out.length() == 0) {
            return;
        }
        newlines = Math.max(newlines, count);
    }

    private static int parseStart(String start) {
        try {
            return start.isBlank() ? 1 : Math.max(1, Integer.parseInt(start.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** No blanks at line ends, at most one empty line in a row. */
    private static String tidy(String text) {
        StringBuilder result = new StringBuilder(text.length());
        int blank = 0;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.stripTrailing();
            if (trimmed.isEmpty()) {
                blank++;
                continue;
            }
            if (!result.isEmpty()) {
                result.append(blank > 0 ? "\n\n" : "\n");
            }
            blank = 0;
            result.append(trimmed);
        }
        return result.toString();
    }
}
