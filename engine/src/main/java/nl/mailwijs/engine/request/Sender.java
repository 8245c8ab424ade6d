package nl.mailwijs.engine.request;

/**
 * The party on whose behalf a message is sent.
 *
 * @param legalName        legal or registered trade name; blank means the identity is missing
 * @param tradeName        optional trade name
 * @param country          ISO 3166-1 alpha-2 code, upper case
 * @param objectionAddress optional address or link where recipients object
 */
public record Sender(String legalName, String tradeName, String country, String objectionAddress) {

    /** A name needs a letter or digit: blank, invisible or control characters alone name nobody. */
    public boolean hasUsableLegalName() {
        return legalName != null && legalName.codePoints().anyMatch(Character::isLetterOrDigit);
    }
}
