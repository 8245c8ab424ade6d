package nl.mailwijs.inbound;

/**
 * One report as one line of JSON, as {@code bin/mailwijs inbound parse} prints it:
 * {@code {"file":…,"kind":…,"recipients":[{"address","permanent","status","diagnostic"}],
 * "feedbackType":…,"token":…,"autoReply":…,"problems":[…]}}.
 */
public final class InboundReportJson {

    private InboundReportJson() {
    }

    public static String write(String file, InboundReport report) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"file\":");
        string(json, file);
        json.append(",\"kind\":\"").append(report.kind().name()).append("\",\"recipients\":[");
        for (int i = 0; i < report.recipients().size(); i++) {
            FailedRecipient recipient = report.recipients().get(i);
            json.append(i == 0 ? "" : ",").append("{\"address\":");
            string(json, recipient.address());
            json.append(",\"permanent\":").append(recipient.permanent()).append(",\"status\":");
            string(json, recipient.status());
            json.append(",\"diagnostic\":");
            string(json, recipient.diagnostic());
            json.append('}');
        }
        json.append("],\"feedbackType\":");
        string(json, report.feedbackType());
        json.append(",\"token\":");
        string(json, report.token());
        json.append(",\"autoReply\":").append(report.autoReply()).append(",\"problems\":[");
        for (int i = 0; i < report.problems().size(); i++) {
            json.append(i == 0 ? "" : ",");
            string(json, report.problems().get(i));
        }
        return json.append("]}").toString();
    }

    private static void string(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !validSurrogate(value, i)) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /** A lone surrogate would make the output invalid UTF-8; escaped, it stays valid JSON. */
    private static boolean validSurrogate(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}
