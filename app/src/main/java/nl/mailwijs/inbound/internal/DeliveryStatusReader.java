package nl.mailwijs.inbound.internal;

import java.util.List;
import java.util.Locale;

import nl.mailwijs.inbound.FailedRecipient;

/** The per-recipient fields of a message/delivery-status body (RFC 3464 2.3). */
final class DeliveryStatusReader {

    private DeliveryStatusReader() {
    }

    static void read(String body, Recipients recipients, Problems problems) {
        List<List<Header>> groups = Fields.groups(body, problems, "the delivery-status part");
        boolean anyRecipient = false;
        for (List<Header> group : groups) {
            String finalRecipient = Fields.get(group, "Final-Recipient");
            String originalRecipient = Fields.get(group, "Original-Recipient");
            if (finalRecipient == null && originalRecipient == null) {
                // The per-message group (Reporting-MTA, Arrival-Date, ...), or junk.
                continue;
            }
            anyRecipient = true;
            // The address Mailwijs sent to is the original one; Final-Recipient may be a forwarding target.
            String address = Addresses.fromField(originalRecipient);
            if (address == null) {
                address = Addresses.fromField(finalRecipient);
            }
            if (address == null) {
                problems.add("a delivery-status recipient names no address: '"
                        + Texts.shorten(finalRecipient != null ? finalRecipient : originalRecipient, 80) + "'");
                continue;
            }
            String statusField = Fields.get(group, "Status");
            String diagnosticCode = Fields.get(group, "Diagnostic-Code");
            String diagnostic = diagnosticCode == null ? null : withoutType(diagnosticCode);
            String status = StatusCodes.enhanced(statusField);
            if (status == null) {
                if (statusField == null) {
                    problems.add("a delivery-status recipient has no Status field");
                } else {
                    problems.add("Status '" + Texts.shorten(statusField, 40) + "' is not an enhanced status code");
                }
                status = StatusCodes.enhanced(diagnostic);
            }
            String action = Fields.get(group, "Action");
            String verb = action == null ? inferredAction(status, problems) : action.strip().toLowerCase(Locale.ROOT);
            boolean permanent;
            switch (verb) {
                case "delivered", "relayed", "expanded" -> {
                    continue;
                }
                case "failed" -> permanent = !StatusCodes.mailboxFull(status, diagnostic)
                        && (status != null ? status.startsWith("5") : StatusCodes.replyClass(diagnostic) != 4);
                case "delayed" -> permanent = false;
                default -> {
                    problems.add("Action '" + Texts.shorten(action, 40) + "' is not one of failed, delayed, delivered, relayed, expanded");
                    permanent = status != null && status.startsWith("5");
                }
            }
            recipients.add(new FailedRecipient(address, permanent, status, Recipients.diagnostic(diagnostic)));
        }
        if (!anyRecipient) {
            problems.add("the delivery-status part names no recipient");
        }
    }

    private static String inferredAction(String status, Problems problems) {
        problems.add("a delivery-status recipient has no Action field");
        if (status == null) {
            return "unknown";
        }
        return switch (status.charAt(0)) {
            case '2' -> "delivered";
            case '4' -> "delayed";
            default -> "failed";
        };
    }

    /** {@code smtp; 550 5.1.1 ...} without its diagnostic type. */
    private static String withoutType(String value) {
        int semicolon = value.indexOf(';');
        if (semicolon > 0 && semicolon < 20 && value.substring(0, semicolon).strip().matches("(?i)[a-z][a-z0-9-]*")) {
            return value.substring(semicolon + 1).strip();
        }
        return value.strip();
    }
}
