package nl.mailwijs.evidence.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import nl.mailwijs.apijson.StorableText;
import nl.mailwijs.decisionjson.DecisionRequestJson;
import nl.mailwijs.decisionjson.InputProblem;
import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.engine.request.Channel;

/** Checks shared by the evidence records: each names the field it refuses. */
public final class Fields {

    /** Enough for a long consent text or a raw complaint e-mail, not for a whole mailbox. */
    public static final int MAX_TEXT = 200_000;
    public static final int MAX_ID = 200;

    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private Fields() {
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidRequestException(field, InputProblem.REQUIRED, "required field is missing");
        }
        return value;
    }

    /** Stripped text, null for absent or blank, refused when longer than {@code maxLength}. */
    public static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength) {
            throw new InvalidRequestException(field, InputProblem.TOO_LONG, "is longer than " + maxLength + " characters", maxLength);
        }
        return StorableText.check(field, stripped);
    }

    /** Topics and categories: stripped, none blank, order kept. */
    public static List<String> topics(String field, List<String> topics) {
        if (topics == null) {
            return List.of();
        }
        List<String> stripped = new ArrayList<>(topics.size());
        for (int i = 0; i < topics.size(); i++) {
            String topic = text(field + "[" + i + "]", topics.get(i), 200);
            if (topic == null) {
                throw new InvalidRequestException(field + "[" + i + "]", InputProblem.BLANK_ENTRY, "a topic cannot be blank");
            }
            stripped.add(topic);
        }
        return List.copyOf(stripped);
    }

    public static <E> Set<E> set(Set<E> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }

    /** An IPv4 or IPv6 address as written; not resolved, as a name would need DNS. */
    public static String ipAddress(String field, String value) {
        String text = text(field, value, 45);
        if (text != null && !IP_ADDRESS.matcher(text).matches()) {
            throw new InvalidRequestException(field, "'" + value + "' is not an IPv4 or IPv6 address");
        }
        return text;
    }

    /** An e-mail address or a phone number (E.164), normalised as contacts keep them. */
    public static String address(String field, String value) {
        String text = text(field, value, 320);
        if (text == null) {
            return null;
        }
        return DecisionRequestJson.address(field, text, text.indexOf('@') >= 0 ? Channel.EMAIL : Channel.SMS);
    }

    public static Long positive(String field, Long value) {
        if (value != null && value < 1) {
            throw new InvalidRequestException(field, "must be a positive record id, was " + value);
        }
        return value;
    }
}
