package nl.mailwijs.content;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Language;

/**
 * One recipient's message, ready to be put into MIME parts by delivery.
 *
 * @param subject        merged, single line, no control characters (header encoding is delivery's)
 * @param preheader      merged preview text (also hidden at the top of the HTML)
 * @param html           the whole HTML document, footer included
 * @param text           the plain-text part, footer included
 * @param unsubscribeUrl the recipient's objection link, also for {@code List-Unsubscribe}
 * @param basis          the basis it was rendered for; {@link Basis#SOFT_OPT_IN} carries the notice
 */
public record RenderedMessage(
        String subject,
        String preheader,
        String html,
        String text,
        String unsubscribeUrl,
        Basis basis,
        Language language) {
}
