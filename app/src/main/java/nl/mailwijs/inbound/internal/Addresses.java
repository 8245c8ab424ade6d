package nl.mailwijs.inbound.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses as reports write them. ASCII only: Mailwijs does not send to SMTPUTF8
 * addresses, so none can bounce. Possessive quantifiers in the local part keep matching linear on huge lines; the domain
 * backtracks over its labels only.
 */
final class Addresses {

    static final String ADDRESS = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]++(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]++)*+"
            + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])";

    private static final Pattern EXACT = Pattern.compile(ADDRESS);
    private static final Pattern ANYWHERE = Pattern.compile("(?<![A-Za-z0-9!#$%&'*+/=?^_`{|}~.-])" + ADDRESS);
    private static final Pattern REDACTED = Pattern.compile("(?i)redacted|^x+$|^\\*+$|^-+$|^unknown$|^undisclosed");

    private Addresses() {
    }

    /**
     * The address in a DSN recipient field ({@code rfc822; <a@b.nl>}), an ARF field or a header
     * (display name, angle brackets), or null when there is no single plain address in it.
     */
    static String fromField(String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        int semicolon = text.indexOf(';');
        if (semicolon > 0 && text.substring(0, semicolon).matches("(?i)\\s*(rfc822|utf-8|x-[a-z0-9-]+)\\s*")) {
            text = text.substring(semicolon + 1).strip();
        }
        int open = text.lastIndexOf('<');
        int close = text.lastIndexOf('>');
        if (open >= 0 && close > open) {
            text = text.substring(open + 1, close).strip();
        }
        return EXACT.matcher(text).matches() ? text : null;
    }

    /** The first address in free text, with its position, or null. */
    static Matcher finder(CharSequence text) {
        return ANYWHERE.matcher(text);
    }

    static boolean isRedacted(String address) {
        String local = address.substring(0, address.lastIndexOf('@'));
        return REDACTED.matcher(local).find();
    }

    /** Case-insensitive key for "the same address" (domains are case-insensitive; in practice local parts too). */
    static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
