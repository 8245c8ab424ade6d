package nl.mailwijs.web;

import java.util.Arrays;
import java.util.List;

import nl.mailwijs.campaigns.Campaign;
import nl.mailwijs.campaigns.CampaignDraft;
import nl.mailwijs.content.BodyFormat;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Purpose;

/**
 * The campaign form as posted: text fields as typed, topics comma-separated, the segment blank
 * for everyone. Unknown choices (a purpose that is not one) are left empty for validation to name.
 */
public record CampaignForm(String name, String purpose, String topics, String containsPromotion, String fromAddress, String fromName,
                           String subject, String preheader, String bodyFormat, String body, String textBody, String language,
                           String segmentId) {

    static CampaignForm empty() {
        return new CampaignForm("", Purpose.COMMERCIAL.name(), "", "true", "", "", "", "", BodyFormat.MARKDOWN.name(), "", "",
                Language.NL.name(), "");
    }

    static CampaignForm of(Campaign campaign) {
        return new CampaignForm(campaign.name(), campaign.purpose().name(), String.join(", ", campaign.topics()),
                String.valueOf(campaign.containsPromotion()), campaign.fromAddress(), campaign.fromName(), campaign.subject(),
                campaign.preheader(), campaign.bodyFormat().name(), campaign.body(), campaign.textBody(), campaign.language().name(),
                campaign.segmentId() == null ? "" : String.valueOf(campaign.segmentId()));
    }

    CampaignDraft draft() {
        List<String> topicList = topics == null ? List.of()
                : Arrays.stream(topics.split(",")).map(String::strip).filter(topic -> !topic.isEmpty()).toList();
        return new CampaignDraft(blankToNull(name), known(Purpose.class, purpose), topicList, containsPromotion != null,
                blankToNull(fromAddress), blankToNull(fromName), blankToNull(subject), blankToNull(preheader),
                known(BodyFormat.class, bodyFormat), blankToNull(body), blankToNull(textBody), known(Language.class, language),
                segment());
    }

    private Long segment() {
        if (segmentId == null || segmentId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(segmentId.strip());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    private static <E extends Enum<E>> E known(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        return null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
