package nl.mailwijs.decisions;

import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.Purpose;

/**
 * A message described for one stored contact: the sender and policy come from the stored
 * settings, the recipient and evidence from the ledger.
 *
 * @param sendAt  ISO-8601; absent means now
 * @param address which of the contact's addresses on the channel; absent means the first one
 */
public record ContactDecisionRequest(
        @NotNull(message = "the channel is required: EMAIL, SMS or WHATSAPP") Channel channel,
        @NotNull(message = "the purpose is required: COMMERCIAL, IDEOLOGICAL, CHARITABLE, SERVICE or PERSONAL_PROPOSAL") Purpose purpose,
        List<String> topics,
        Boolean containsPromotion,
        String sendAt,
        @Min(value = 1, message = "must be at least 1") Integer recipientCount,
        String address) {
}
