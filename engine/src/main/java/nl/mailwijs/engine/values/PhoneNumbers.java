package nl.mailwijs.engine.values;

/** Phone numbers in E.164 form ({@code +31612345678}), the form SMS and WhatsApp use. */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /**
     * Removes the spaces, dashes, dots and parentheses people write and checks the E.164
     * form: a plus, a country code not starting with 0, at most 15 digits in all.
     */
    public static String normalise(String raw) {
        StringBuilder digits = new StringBuilder(16);
        String text = raw.strip();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+' && i == 0) {
                digits.append(c);
            } else if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                throw new InvalidValueException("'" + raw + "' is not a phone number in E.164 form (expected e.g. +31612345678)");
            }
        }
        String number = digits.toString();
        if (!number.startsWith("+")) {
            throw new InvalidValueException("'" + raw + "' lacks the country code: write it in E.164 form, e.g. +31612345678 for 06 12345678");
        }
        int length = number.length() - 1;
        if (length < 8 || length > 15 || number.charAt(1) == '0') {
            throw new InvalidValueException("'" + raw + "' is not a phone number in E.164 form (a + and 8 to 15 digits, e.g. +31612345678)");
        }
        return number;
    }
}
