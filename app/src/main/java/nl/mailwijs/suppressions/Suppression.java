package nl.mailwijs.suppressions;

import java.time.Instant;

/**
 * An address that is not mailed, or was not until it was lifted.
 *
 * @param address          as it was sent to
 * @param reason           why
 * @param scope            {@code ALL_MESSAGES}: a dead address gets nothing, service messages included
 * @param status           the enhanced status code of the bounce that decided it, or null
 * @param diagnostic       its reason in the server's words, or null
 * @param bounceId         the bounce that decided it ({@code /api/v1/bounces})
 * @param inboundMessageId the report in the inbound mailbox, or null when it was a reply while sending
 * @param outboxId         the message that bounced
 * @param liftedAt         when a person lifted it, or null while it is in force
 */
public record Suppression(long id, String address, SuppressionReason reason, String scope, String status, String diagnostic,
                          Instant suppressedAt, long bounceId, Long inboundMessageId, Long outboxId, Long campaignId,
                          Instant liftedAt, String liftedBy, String liftNote) {

    public static final String ALL_MESSAGES = "ALL_MESSAGES";

    public boolean inForce() {
        return liftedAt == null;
    }

    /** One sentence for a person, in Dutch ({@code "nl"}) or English, e.g. for the pre-flight report. */
    public String explanation(String language) {
        boolean english = "en".equalsIgnoreCase(language);
        String date = suppressedAt.toString().substring(0, 10);
        String what = switch (reason) {
            case HARD_BOUNCE -> english ? "a bounce said delivery failed for good" : "een bounce meldde dat bezorgen blijvend mislukt";
            case REJECTED_AT_SEND -> english ? "its mail server refused it while sending" : "de mailserver weigerde het bij het verzenden";
            case SOFT_BOUNCES -> english ? "it bounced too often within the window" : "het kwam te vaak terug binnen de termijn";
        };
        String code = status == null ? "" : " (" + status + (diagnostic == null ? "" : ": " + diagnostic) + ")";
        return english
                ? "Address suppressed since " + date + ": " + what + code + ". Not sent; not a decision of the law rules."
                : "Adres onderdrukt sinds " + date + ": " + what + code + ". Niet verzonden; dit is geen beslissing van de wetsregels.";
    }
}
