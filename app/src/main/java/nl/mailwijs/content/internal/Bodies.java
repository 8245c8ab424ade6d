package nl.mailwijs.content.internal;

import java.util.ArrayList;
import java.util.List;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;

/**
 * Author content to sanitised HTML and its plain-text twin, with merge fields kept as tokens
 * through Markdown, sanitising and text extraction (see {@link Tokens}), so a field's value
 * is never seen by any of them: it cannot become markup, and its escaping follows where the
 * author put it.
 */
public final class Bodies {

    private static final Parser MARKDOWN = Parser.builder().build();
    // URLs are left as written: percent-encoding them here would mangle the field tokens, and
    // the sanitiser checks every URL anyway.
    private static final HtmlRenderer MARKDOWN_HTML = HtmlRenderer.builder().percentEncodeUrls(false).build();
    private static final Cleaner CLEANER = new Cleaner(new EmailSafelist());

    private Bodies() {
    }

    /** Sanitised author HTML and, from it, the plain text. */
    public record Body(Part html, Part text) {
    }

    public static Body html(List<MergeSyntax.Piece> pieces) {
        List<FieldRef> fields = new ArrayList<>();
        return body(sanitised(tokenised(pieces, fields)), fields);
    }

    public static Body markdown(List<MergeSyntax.Piece> pieces) {
        List<FieldRef> fields = new ArrayList<>();
        String source = tokenised(pieces, fields);
        return body(sanitised(MARKDOWN_HTML.render(MARKDOWN.parse(source))), fields);
    }

    /** Sanitised HTML of any input, as a string: what the sanitiser keeps. */
    public static String sanitise(String html) {
        return serialise(sanitised(html));
    }

    static Element sanitised(String html) {
        Document clean = CLEANER.clean(Jsoup.parseBodyFragment(html));
        clean.outputSettings().prettyPrint(false).charset("UTF-8").escapeMode(Entities.EscapeMode.base);
        return clean.body();
    }

    static String serialise(Element body) {
        return body.html();
    }

    private static Body body(Element clean, List<FieldRef> fields) {
        Part html = Part.builder().tokenised(serialise(clean), fields, true).build();
        Part text = Part.builder().tokenised(PlainTextWriter.write(clean), fields, false).build();
        return new Body(html, text);
    }

    static String tokenised(List<MergeSyntax.Piece> pieces, List<FieldRef> fields) {
        StringBuilder source = new StringBuilder();
        for (MergeSyntax.Piece piece : pieces) {
            switch (piece) {
                case MergeSyntax.Literal literal -> source.append(literal.text());
                case MergeSyntax.Field field -> {
                    source.append(Tokens.token(field.ref(), fields.size()));
                    fields.add(field.ref());
                }
            }
        }
        return source.toString();
    }

    /** Fields in a part that is text only (subject, preheader, an author's own plain text). */
    public static Part text(List<MergeSyntax.Piece> pieces, Escape escape) {
        Part.Builder part = Part.builder();
        for (MergeSyntax.Piece piece : pieces) {
            switch (piece) {
                case MergeSyntax.Literal literal -> part.literal(escape == Escape.HTML ? Escape.html(literal.text()) : literal.text());
                case MergeSyntax.Field field -> part.field(field.ref(), escape);
            }
        }
        return part.build();
    }
}
