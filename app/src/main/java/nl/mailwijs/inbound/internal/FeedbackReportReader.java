package nl.mailwijs.inbound.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import nl.mailwijs.inbound.FailedRecipient;

/** The fields of a message/feedback-report body (RFC 5965 3.1) and the complained-about recipient. */
final class FeedbackReportReader {

    /** The types that are a person's complaint; not-spam and auth-failure are not. */
    private static final Set<String> COMPLAINTS = Set.of("abuse", "fraud", "virus");

    private FeedbackReportReader() {
    }

    /** @return the Feedback-Type in lower case, or null */
    static String read(String body, MimeEntity returned, Recipients recipients, Problems problems, List<String> mailFrom) {
        List<Header> fields = Fields.groups(body, problems, "the feedback-report part").stream()
                .flatMap(List::stream).toList();
        String type = Fields.get(fields, "Feedback-Type");
        String feedbackType = type == null || type.isBlank() ? null : Texts.shorten(type.strip().toLowerCase(Locale.ROOT), 40);
        if (feedbackType == null) {
            problems.add("the feedback report has no Feedback-Type");
        }
        mailFrom.addAll(Fields.all(fields, "Original-Mail-From"));
        boolean complaint = feedbackType != null && COMPLAINTS.contains(feedbackType);
        String diagnostic = "feedback-type " + (feedbackType == null ? "missing" : feedbackType);
        String userAgent = Fields.get(fields, "User-Agent");
        if (userAgent != null && !userAgent.isBlank()) {
            diagnostic += " (" + userAgent.strip() + ")";
        }
        for (String rcptTo : Fields.all(fields, "Original-Rcpt-To")) {
            String address = Addresses.fromField(rcptTo);
            if (address != null && !Addresses.isRedacted(address)) {
                recipients.add(new FailedRecipient(address, complaint, null, Recipients.diagnostic(diagnostic)));
            }
        }
        if (recipients.isEmpty() && returned != null) {
            // Only when the returned message names exactly one recipient is it clearly the complainant.
            List<String> to = returned.headers("To");
            String address = to.size() == 1 ? Addresses.fromField(to.getFirst()) : null;
            if (address != null && !Addresses.isRedacted(address)) {
                recipients.add(new FailedRecipient(address, complaint, null, Recipients.diagnostic(diagnostic)));
            }
        }
        return feedbackType;
    }
}
