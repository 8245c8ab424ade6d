package nl.mailwijs.apijson;

import nl.mailwijs.decisionjson.InputProblem;
import nl.mailwijs.decisionjson.InvalidRequestException;

/**
 * Text as both databases can store and hash it: PostgreSQL refuses the NUL character in text
 * columns, and an unpaired surrogate has no UTF-8 form, so the bytes hashed would not be the
 * bytes stored. Refused here with the field named, rather than failing later as a server error.
 */
public final class StorableText {

    private StorableText() {
    }

    public static String check(String field, String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                throw new InvalidRequestException(field, InputProblem.NUL_CHARACTER, "contains the NUL character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidRequestException(field, InputProblem.UNPAIRED_SURROGATE, "contains an unpaired UTF-16 surrogate, which is not valid Unicode");
            }
        }
        return text;
    }
}
