package nl.mailwijs.content;

import nl.mailwijs.content.internal.Part;
import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Language;

/**
 * A draft checked and compiled once: everything is literal text with merge-field holes, in two
 * variants (with and without the soft opt-in notice). Immutable; {@link #render} only appends
 * strings and is safe to call from any number of threads at once.
 */
public final class CompiledMessage {

    private static final int MAX_URL_LENGTH = 2048;

    private final Part subject;
    private final Part preheader;
    private final Part html;
    private final Part htmlSoftOptIn;
    private final Part text;
    private final Part textSoftOptIn;
    private final Language language;

    CompiledMessage(Part subject, Part preheader, Part html, Part htmlSoftOptIn, Part text, Part textSoftOptIn, Language language) {
        this.subject = subject;
        this.preheader = preheader;
        this.html = html;
        this.htmlSoftOptIn = htmlSoftOptIn;
        this.text = text;
        this.textSoftOptIn = textSoftOptIn;
        this.language = language;
    }

    /**
     * This recipient's message. The footer repeats the chance to object when the recipient's
     * basis is {@link Basis#SOFT_OPT_IN}.
     *
     * @throws ContentRenderException when the merged subject would hold a line break or another
     *                                control character, or the unsubscribe URL is not an absolute http(s) URL
     */
    public RenderedMessage render(MessageRecipient recipient) {
        String unsubscribeUrl = recipient.unsubscribeUrl();
        if (!isUsableUrl(unsubscribeUrl)) {
            throw new ContentRenderException(new ContentProblem("unsubscribeUrl", 0, 0, "'" + unsubscribeUrl
                    + "' is not an absolute http(s) URL without spaces or quotes; every message needs a working objection link",
                    ContentProblem.Code.UNSUBSCRIBE_URL_INVALID, unsubscribeUrl));
        }
        String renderedSubject = subject.render(recipient);
        int bad = firstControlCharacter(renderedSubject);
        if (bad >= 0) {
            String character = "U+" + String.format("%04X", (int) renderedSubject.charAt(bad));
            throw new ContentRenderException(new ContentProblem("subject", 0, 0, "a merge value puts control character " + character
                    + " at position " + (bad + 1) + " of the subject; a header may not hold line breaks (RFC 5322), so this recipient's"
                    + " message is refused", ContentProblem.Code.MERGED_SUBJECT_CONTROL_CHARACTER, character, bad + 1));
        }
        boolean softOptIn = recipient.basis() == Basis.SOFT_OPT_IN;
        return new RenderedMessage(
                renderedSubject,
                preheader.render(recipient),
                (softOptIn ? htmlSoftOptIn : html).render(recipient),
                (softOptIn ? textSoftOptIn : text).render(recipient),
                unsubscribeUrl,
                recipient.basis(),
                language);
    }

    public Language language() {
        return language;
    }

    /** Line breaks and other C0/C1 controls, DEL, and the Unicode line and paragraph separators. */
    static int firstControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
                return i;
            }
        }
        return -1;
    }

    /** An absolute http or https URL with a host, and nothing a mail client or header would split or break on. */
    static boolean isUsableUrl(String url) {
        if (url == null || url.length() > MAX_URL_LENGTH) {
            return false;
        }
        int scheme = url.regionMatches(true, 0, "https://", 0, 8) ? 8 : url.regionMatches(true, 0, "http://", 0, 7) ? 7 : -1;
        if (scheme < 0 || url.length() == scheme || url.charAt(scheme) == '/' || url.charAt(scheme) == '?'
                || url.charAt(scheme) == '#' || url.charAt(scheme) == '.' || url.charAt(scheme) == ':' || url.charAt(scheme) == '@') {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c >= 0x7F || "\"<>\\^`{|}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
