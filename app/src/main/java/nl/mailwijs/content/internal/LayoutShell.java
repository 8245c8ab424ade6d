package nl.mailwijs.content.internal;

import java.util.ArrayList;
import java.util.List;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;

import nl.mailwijs.content.ContentProblem;

/**
 * A layout's body split at its slots. The layout is sanitised like author content (it is
 * written by users too), so it cannot hide what is put into its slots; the slots count only
 * as text between elements, never inside an attribute.
 * Without a {@code {{footer}}} slot the footer follows the whole layout ({@code afterFooter} is empty).
 */
public record LayoutShell(String beforeContent, String betweenContentAndFooter, String afterFooter) {

    private static final char CONTENT = '\uE010';
    private static final char FOOTER = '\uE011';

    public static LayoutShell parse(String html, List<ContentProblem> problems) {
        StringBuilder source = new StringBuilder(html.length());
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            source.append(Tokens.isPrivateUse(c) ? '\uFFFD' : c);
        }
        Element body = Bodies.sanitised(source.toString());
        List<TextNode> texts = new ArrayList<>();
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof TextNode text) {
                texts.add(text);
            }
        }, body);
        for (TextNode text : texts) {
            String replaced = text.getWholeText()
                    .replace("{{content}}", String.valueOf(CONTENT)).replace("{{ content }}", String.valueOf(CONTENT))
                    .replace("{{footer}}", String.valueOf(FOOTER)).replace("{{ footer }}", String.valueOf(FOOTER));
            text.text(replaced);
        }
        String shell = Bodies.serialise(body);
        int content = shell.indexOf(CONTENT);
        int footer = shell.indexOf(FOOTER);
        if (content < 0 || shell.indexOf(CONTENT, content + 1) >= 0) {
            problems.add(content < 0
                    ? new ContentProblem("layout", 0, 0, "a layout needs one {{content}} slot, as text between elements (not inside an attribute)",
                            ContentProblem.Code.LAYOUT_NO_CONTENT_SLOT)
                    : new ContentProblem("layout", 0, 0, "a layout has exactly one {{content}} slot; this one has more",
                            ContentProblem.Code.LAYOUT_CONTENT_SLOTS));
            return null;
        }
        if (footer >= 0 && (shell.indexOf(FOOTER, footer + 1) >= 0 || footer < content)) {
            problems.add(new ContentProblem("layout", 0, 0,
                    "a layout has at most one {{footer}} slot, after {{content}}: the objection link follows the content",
                    ContentProblem.Code.LAYOUT_FOOTER_SLOT));
            return null;
        }
        if (footer < 0) {
            return new LayoutShell(shell.substring(0, content), shell.substring(content + 1), "");
        }
        return new LayoutShell(shell.substring(0, content), shell.substring(content + 1, footer), shell.substring(footer + 1));
    }
}
