package nl.mailwijs.content;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.springframework.stereotype.Component;

import nl.mailwijs.content.internal.FooterWriter;
import nl.mailwijs.content.internal.Texts;
import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.settings.SenderSettings;

/**
 * Reads a rendered message the way a recipient would and confirms it carries what a regulated
 * message must (Tw 11.7): the sender's identity as the settings give it, a visible link to the
 * recipient's objection URL in the HTML and the URL in the text, and under soft opt-in the
 * repeated chance to object. It does not trust the composer: text that is hidden (display:none,
 * zero size, aria-hidden, in a comment) does not count. A campaign whose
 * {@link #preflight preflight} does not pass must not be scheduled.
 */
@Component
public class ContentChecker {

    /** A made-up but valid objection link for the preflight render; .invalid never resolves. */
    static final String PREFLIGHT_UNSUBSCRIBE_URL = "https://afmelden.mailwijs.invalid/preflight";

    private static final Pattern HIDING = Pattern.compile(
            "(?:^|;)\\s*(?:display\\s*:\\s*none|visibility\\s*:\\s*hidden|mso-hide\\s*:\\s*all"
                    + "|(?:opacity|max-height|font-size|line-height|height|width)\\s*:\\s*(?:0+(?:\\.0*)?|\\.0+)[a-z%]*\\s*(?:!important\\s*)?(?:;|$))",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> NEVER_SHOWN = Set.of("head", "title", "script", "style", "template", "noscript");

    /** Checks one rendered message against the settings it must name. */
    public ContentCheck check(RenderedMessage message, SenderSettings settings) {
        List<ContentFinding> findings = new ArrayList<>();
        if (CompiledMessage.firstControlCharacter(message.subject()) >= 0) {
            findings.add(new ContentFinding(ContentDefect.SUBJECT_UNSAFE, "subject", message.subject()));
        }
        Document document = Jsoup.parse(message.html());
        String html = normalised(visibleText(document.body()));
        String text = normalised(message.text());
        identity(settings, "html", html, findings);
        identity(settings, "text", text, findings);

        String url = message.unsubscribeUrl();
        if (!CompiledMessage.isUsableUrl(url)) {
            findings.add(new ContentFinding(ContentDefect.OBJECTION_LINK_INVALID, "html", String.valueOf(url)));
        } else {
            if (!hasVisibleLink(document.body(), url)) {
                findings.add(new ContentFinding(ContentDefect.OBJECTION_LINK_MISSING, "html", url));
            }
            if (!message.text().contains(url)) {
                findings.add(new ContentFinding(ContentDefect.OBJECTION_LINK_MISSING, "text", url));
            }
        }
        if (message.basis() == Basis.SOFT_OPT_IN) {
            String notice = normalised(Texts.text(message.language(), "footer.softOptIn"));
            if (!html.contains(notice)) {
                findings.add(new ContentFinding(ContentDefect.SOFT_OPT_IN_NOTICE_MISSING, "html", notice));
            }
            if (!text.contains(notice)) {
                findings.add(new ContentFinding(ContentDefect.SOFT_OPT_IN_NOTICE_MISSING, "text", notice));
            }
        }
        return new ContentCheck(findings);
    }

    /**
     * Renders the compiled message for a sample recipient, once on consent and once on soft
     * opt-in, and checks both: what a campaign must pass before it is scheduled.
     */
    public ContentCheck preflight(CompiledMessage message, SenderSettings settings) {
        Set<ContentFinding> findings = new LinkedHashSet<>();
        for (Basis basis : List.of(Basis.CONSENT, Basis.SOFT_OPT_IN)) {
            MessageRecipient sample = new MessageRecipient(null, null, "ontvanger@example.invalid", Map.of(),
                    PREFLIGHT_UNSUBSCRIBE_URL, basis);
            findings.addAll(check(message.render(sample), settings).findings());
        }
        return new ContentCheck(List.copyOf(findings));
    }

    private static void identity(SenderSettings settings, String part, String shown, List<ContentFinding> findings) {
        String legalName = settings.legalName() == null ? "" : settings.legalName().strip();
        if (legalName.isEmpty() || !shown.contains(normalised(legalName))) {
            findings.add(new ContentFinding(ContentDefect.LEGAL_NAME_MISSING, part, legalName));
        }
        String tradeName = settings.tradeName();
        if (tradeName != null && !tradeName.isBlank() && !shown.contains(normalised(tradeName))) {
            findings.add(new ContentFinding(ContentDefect.TRADE_NAME_MISSING, part, tradeName.strip()));
        }
        String kvk = settings.kvkNumber();
        if (kvk != null && !kvk.isBlank() && !shown.contains(normalised(kvk))) {
            findings.add(new ContentFinding(ContentDefect.KVK_NUMBER_MISSING, part, kvk.strip()));
        }
        for (String line : FooterWriter.addressLines(settings.postalAddress())) {
            if (!shown.contains(normalised(line))) {
                findings.add(new ContentFinding(ContentDefect.POSTAL_ADDRESS_MISSING, part, line));
            }
        }
    }

    private static boolean hasVisibleLink(Element body, String url) {
        for (Element link : body.select("a[href]")) {
            if (link.attr("href").equals(url) && !hidden(link) && !normalised(visibleText(link)).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static boolean hidden(Element element) {
        for (Element at = element; at != null; at = at.parent()) {
            if (hides(at)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hides(Element element) {
        return NEVER_SHOWN.contains(element.normalName())
                || element.hasAttr("hidden")
                || element.attr("aria-hidden").equalsIgnoreCase("true")
                || HIDING.matcher(element.attr("style")).find();
    }

    /** The text a reader sees: hidden elements and comments left out, blocks apart. */
    private static String visibleText(Element root) {
        StringBuilder text = new StringBuilder();
        collect(root, text);
        return text.toString();
    }

    private static void collect(Node node, StringBuilder text) {
        if (node instanceof TextNode textNode) {
            text.append(textNode.getWholeText());
        } else if (node instanceof Element element && !hides(element)) {
            boolean block = element.isBlock() || element.normalName().equals("br");
            if (block) {
                text.append(' ');
            }
            for (Node child : element.childNodes()) {
                collect(child, text);
            }
            if (block) {
                text.append(' ');
            }
        }
    }

    private static String normalised(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = !out.isEmpty();
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
