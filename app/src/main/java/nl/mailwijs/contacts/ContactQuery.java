package nl.mailwijs.contacts;

import nl.mailwijs.decisionjson.InvalidRequestException;

/**
 * A page of the contact list.
 *
 * @param text matches part of the name or of an address, case-insensitively; null for all
 * @param tag  only contacts with this tag (case-insensitive); null for all
 * @param page zero-based
 */
public record ContactQuery(String text, String tag, int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public ContactQuery {
        text = text == null || text.isBlank() ? null : text.strip();
        tag = tag == null || tag.isBlank() ? null : tag.strip();
        if (page < 0) {
            throw new InvalidRequestException("page", "must be 0 or more, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidRequestException("size", "must be between 1 and " + MAX_SIZE + ", was " + size);
        }
        // Deep pages are slow with OFFSET; nobody pages through 10 million contacts by hand.
        if ((long) page * size > 10_000_000L) {
            throw new InvalidRequestException("page", "is too far; narrow the list with query or tag");
        }
    }

    public static ContactQuery all() {
        return new ContactQuery(null, null, 0, DEFAULT_SIZE);
    }
}
