package nl.mailwijs.inbound.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The "name: value" groups of a message/delivery-status or message/feedback-report body
 * (RFC 3464 2.1, RFC 5965 3.1): header syntax, groups separated by blank lines.
 */
final class Fields {

    private Fields() {
    }

    static List<List<Header>> groups(String text, Problems problems, String where) {
        List<List<Header>> groups = new ArrayList<>();
        List<Header> group = new ArrayList<>();
        String name = null;
        StringBuilder value = null;
        boolean junk = false;
        for (String line : text.split("\r?\n", -1)) {
            if (line.isBlank()) {
                if (name != null) {
                    group.add(new Header(name, value.toString().strip()));
                    name = null;
                }
                if (!group.isEmpty()) {
                    groups.add(group);
                    group = new ArrayList<>();
                }
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).matches("[!-9;-~]+")) {
                junk = true;
                continue;
            }
            if (name != null) {
                group.add(new Header(name, value.toString().strip()));
            }
            name = line.substring(0, colon);
            value = new StringBuilder(line.substring(colon + 1).strip());
        }
        if (name != null) {
            group.add(new Header(name, value.toString().strip()));
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        if (junk) {
            problems.add(where + " contains lines that are not fields; they were skipped");
        }
        return groups;
    }

    static String get(List<Header> group, String name) {
        for (Header header : group) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    static List<String> all(List<Header> group, String name) {
        List<String> values = new ArrayList<>();
        for (Header header : group) {
            if (header.name().equalsIgnoreCase(name)) {
                values.add(header.value());
            }
        }
        return values;
    }
}
