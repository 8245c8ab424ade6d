package nl.mailwijs.inbox;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One stored inbound message with its classification and what was done about it.
 *
 * @param malformed        true when the parser found something wrong with it, or it was truncated
 * @param problems         what was wrong, each a sentence
 * @param report           the parser's reading as JSON ({@code bin/mailwijs inbound parse}), or null before processing
 * @param campaignId       the campaign of the message its token named, or null
 * @param contactId        the recipient of that message, or null
 * @param outboxId         that message (its outbox row), or null
 * @param evidenceRecordId the objection recorded in the ledger, or null
 */
public record InboundMessage(long id, Instant receivedAt, InboundSource source, String sourceDetail, String envelopeFrom,
                             List<String> envelopeTo, long sizeBytes, boolean truncated, String from, String subject, String messageId,
                             InboundKind kind, InboundOutcome outcome, String detail, boolean malformed, List<String> problems,
                             @JsonRawValue String report, Long campaignId, Long contactId, Long outboxId, Long evidenceRecordId, Instant processedAt) {
}
