package nl.mailwijs.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import nl.mailwijs.content.internal.Bodies;
import nl.mailwijs.content.internal.Escape;
import nl.mailwijs.content.internal.FooterWriter;
import nl.mailwijs.content.internal.LayoutShell;
import nl.mailwijs.content.internal.MergeSyntax;
import nl.mailwijs.content.internal.Part;
import nl.mailwijs.content.internal.Tokens;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Sender;
import nl.mailwijs.settings.SenderSettings;

/**
 * Checks a draft and compiles it, with the footer from the sender settings, into a
 * {@link CompiledMessage}. Every problem (an unknown merge field, a line break in the subject,
 * a missing legal name) is found here, at compose time, so none surfaces while sending.
 * Stateless: one instance serves everyone.
 */
@Component
public class MessageComposer {

    private static final String HEAD_STYLE = "body{margin:0;padding:0;}img{border:0;max-width:100%;height:auto;}"
            + "a{color:#1d4ed8;}";
    // Inbox previews take text until they have enough; invisible fillers keep the body's first
    // words out of the preview after the preheader.
    private static final String PREVIEW_FILLER = "&#847;&zwnj;&nbsp;".repeat(40);

    /** @throws ContentValidationException listing every problem, each with its part, line and column */
    public CompiledMessage compile(MessageDraft draft, SenderSettings settings) {
        List<ContentProblem> problems = new ArrayList<>();
        if (settings == null || !new Sender(settings.legalName(), null, "NL", null).hasUsableLegalName()) {
            problems.add(new ContentProblem("settings.legalName", 0, 0,
                    "the sender settings have no legal name; the footer must name the real sender (Tw 11.7 lid 4), set it first",
                    ContentProblem.Code.NO_LEGAL_NAME));
        }
        if (draft.subject() == null || draft.subject().isBlank()) {
            problems.add(new ContentProblem("subject", 0, 0, "a message needs a subject", ContentProblem.Code.SUBJECT_MISSING));
        } else {
            controlCharacters("subject", draft.subject(), problems);
        }
        if (draft.body() == null || draft.body().isBlank()) {
            problems.add(new ContentProblem("body", 0, 0, "a message needs a body", ContentProblem.Code.BODY_MISSING));
        }
        String subjectSource = draft.subject() == null ? "" : draft.subject();
        List<MergeSyntax.Piece> subject = MergeSyntax.parse("subject", subjectSource, draft.attributeNames(), problems);
        List<MergeSyntax.Piece> preheader = MergeSyntax.parse("preheader", draft.preheader(), draft.attributeNames(), problems);
        List<MergeSyntax.Piece> body = MergeSyntax.parse("body", draft.body() == null ? "" : draft.body(), draft.attributeNames(), problems);
        List<MergeSyntax.Piece> textBody = draft.textBody() == null ? null
                : MergeSyntax.parse("textBody", draft.textBody(), draft.attributeNames(), problems);
        if (body.stream().filter(MergeSyntax.Field.class::isInstance).count() > Tokens.MAX_FIELDS) {
            problems.add(new ContentProblem("body", 0, 0, "more than " + Tokens.MAX_FIELDS + " merge fields in one body",
                    ContentProblem.Code.TOO_MANY_FIELDS, Tokens.MAX_FIELDS));
        }
        if (!problems.isEmpty()) {
            throw new ContentValidationException(problems);
        }

        Bodies.Body content = readable(draft.format(), body);
        Part text = textBody == null ? content.text() : Bodies.text(textBody, Escape.RAW);
        Language language = draft.language();
        LayoutShell shell = draft.layout().shell();
        Part subjectHtml = Bodies.text(subject, Escape.HTML);
        Part preheaderHtml = Bodies.text(preheader, Escape.HTML);

        FooterWriter.Footer footer = FooterWriter.footer(settings, language, false);
        FooterWriter.Footer softOptInFooter = FooterWriter.footer(settings, language, true);
        return new CompiledMessage(
                Bodies.text(subject, Escape.RAW),
                Bodies.text(preheader, Escape.RAW),
                document(language, subjectHtml, preheaderHtml, shell, content.html(), footer.html()),
                document(language, subjectHtml, preheaderHtml, shell, content.html(), softOptInFooter.html()),
                textPart(text, footer.text()),
                textPart(text, softOptInFooter.text()),
                language);
    }

    /**
     * Checks a body on its own, as a reusable template is saved: its merge fields, and that
     * something readable is left after sanitising. The subject, preheader and footer are each
     * campaign's, checked when a campaign uses the template.
     *
     * @param textBody the author's own plain-text part, or null
     * @throws ContentValidationException listing every problem, each with its part ({@code body}, {@code textBody}), line and column
     */
    public void checkBody(BodyFormat format, String body, String textBody) {
        List<ContentProblem> problems = new ArrayList<>();
        if (body == null || body.isBlank()) {
            problems.add(new ContentProblem("body", 0, 0, "a body is required", ContentProblem.Code.BODY_MISSING));
        }
        List<MergeSyntax.Piece> pieces = MergeSyntax.parse("body", body == null ? "" : body, java.util.Set.of(), problems);
        if (textBody != null) {
            MergeSyntax.parse("textBody", textBody, java.util.Set.of(), problems);
        }
        if (pieces.stream().filter(MergeSyntax.Field.class::isInstance).count() > Tokens.MAX_FIELDS) {
            problems.add(new ContentProblem("body", 0, 0, "more than " + Tokens.MAX_FIELDS + " merge fields in one body",
                    ContentProblem.Code.TOO_MANY_FIELDS, Tokens.MAX_FIELDS));
        }
        if (!problems.isEmpty()) {
            throw new ContentValidationException(problems);
        }
        readable(format, pieces);
    }

    private static Bodies.Body readable(BodyFormat format, List<MergeSyntax.Piece> body) {
        Bodies.Body content = format == BodyFormat.MARKDOWN ? Bodies.markdown(body) : Bodies.html(body);
        if (!content.text().hasFields() && content.text().literalText().isBlank()) {
            // Judged on the generated text: an author's own text part does not make an empty HTML part readable.
            throw new ContentValidationException(List.of(new ContentProblem("body", 0, 0,
                    "nothing readable is left after sanitising (scripts, styles, forms and the like are removed): "
                            + "write text, or give images an alt text", ContentProblem.Code.NOTHING_READABLE)));
        }
        return content;
    }

    private static Part document(Language language, Part subject, Part preheader, LayoutShell shell, Part content, Part footer) {
        Part.Builder html = Part.builder()
                .literal("<!DOCTYPE html>\n<html lang=\"" + language.name().toLowerCase(Locale.ROOT) + "\" dir=\"ltr\">\n<head>\n"
                        + "<meta charset=\"utf-8\">\n"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        + "<meta name=\"x-apple-disable-message-reformatting\">\n"
                        + "<meta name=\"color-scheme\" content=\"light\">\n"
                        + "<title>").part(subject).literal("</title>\n<style>" + HEAD_STYLE + "</style>\n</head>\n"
                        + "<body style=\"margin: 0; padding: 0; background-color: #f4f4f5;\">\n");
        if (preheader.hasFields() || !preheader.literalText().isEmpty()) {
            html.literal("<div style=\"display: none; max-height: 0; overflow: hidden; mso-hide: all;\" aria-hidden=\"true\">")
                    .part(preheader).literal(PREVIEW_FILLER).literal("</div>\n");
        }
        return html.literal(shell.beforeContent()).part(content).literal(shell.betweenContentAndFooter())
                .part(footer).literal(shell.afterFooter()).literal("\n</body>\n</html>\n").build();
    }

    private static Part textPart(Part body, Part footer) {
        return Part.builder().part(body).literal("\n\n").part(footer).build();
    }

    private static void controlCharacters(String part, String source, List<ContentProblem> problems) {
        int at = CompiledMessage.firstControlCharacter(source);
        if (at >= 0) {
            char c = source.charAt(at);
            String character = "U+" + String.format("%04X", (int) c);
            problems.add(c == '\n' || c == '\r'
                    ? new ContentProblem(part, 1, at + 1, "a subject is one line: remove the line break (a header may not hold one, RFC 5322)",
                            ContentProblem.Code.SUBJECT_LINE_BREAK)
                    : new ContentProblem(part, 1, at + 1, "control character " + character + " is not allowed in a subject",
                            ContentProblem.Code.SUBJECT_CONTROL_CHARACTER, character));
        }
    }
}
