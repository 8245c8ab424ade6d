package nl.mailwijs.content;

import java.util.ArrayList;
import java.util.List;

import nl.mailwijs.content.internal.LayoutShell;

/**
 * The HTML shell around the content: a body fragment with a {@code {{content}}} slot and
 * optionally a {@code {{footer}}} slot after it (without one, the footer follows the layout).
 * Mailwijs writes the document head ({@code lang}, charset, viewport, title) and the hidden
 * preheader itself. A layout is sanitised like author content, so it cannot hide the footer.
 */
public final class Layout {

    private static final String STANDARD_HTML = """
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" \
            style="width: 100%; background-color: #f4f4f5;">
            <tr><td align="center" style="padding: 24px 12px;">
            <table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" \
            style="width: 100%; max-width: 600px; background-color: #ffffff; border-radius: 8px;">
            <tr><td style="padding: 32px 28px; font-family: Arial, Helvetica, sans-serif; font-size: 16px; \
            line-height: 1.5; color: #1f2933; text-align: left;">{{content}}</td></tr>
            </table>
            <table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" \
            style="width: 100%; max-width: 600px;">
            <tr><td style="padding: 8px 16px;">{{footer}}</td></tr>
            </table>
            </td></tr>
            </table>""";

    private static final Layout STANDARD = of(STANDARD_HTML);

    private final String html;
    private final LayoutShell shell;

    private Layout(String html, LayoutShell shell) {
        this.html = html;
        this.shell = shell;
    }

    /**
     * Mailwijs's own layout: one centred column of at most 600 pixels that narrows with the
     * screen, presentation-only tables, dark text on white (contrast about 15:1).
     */
    public static Layout standard() {
        return STANDARD;
    }

    /** A layout of one's own. @throws ContentValidationException when its slots are missing or misplaced */
    public static Layout of(String html) {
        List<ContentProblem> problems = new ArrayList<>();
        LayoutShell shell = LayoutShell.parse(html, problems);
        if (shell == null) {
            throw new ContentValidationException(problems);
        }
        return new Layout(html, shell);
    }

    /** The HTML as given, before sanitising. */
    public String html() {
        return html;
    }

    LayoutShell shell() {
        return shell;
    }
}
