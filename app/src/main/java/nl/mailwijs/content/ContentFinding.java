package nl.mailwijs.content;

import nl.mailwijs.content.internal.Texts;
import nl.mailwijs.engine.decision.Language;

/**
 * One element missing from a rendered message.
 *
 * @param part     {@code html}, {@code text} or {@code subject}: where it is missing
 * @param expected what should have been there (the name, the number, the URL)
 */
public record ContentFinding(ContentDefect defect, String part, String expected) {

    /** The reason in a sentence, e.g. "Er staat geen zichtbare afmeldlink naar https://… in het bericht (html)." */
    public String text(Language language) {
        return Texts.text(language, "check." + defect.name(), expected, part);
    }

    @Override
    public String toString() {
        return defect + " (" + defect.rule() + ") in " + part + ": " + text(Language.EN);
    }
}
