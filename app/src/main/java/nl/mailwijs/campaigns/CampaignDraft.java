package nl.mailwijs.campaigns;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import nl.mailwijs.content.BodyFormat;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Purpose;

/**
 * What an author writes: the campaign without its state. Merge fields and the footer are as
 * the content module describes ({@code {{contact.firstName | default: "klant"}}}).
 *
 * @param containsPromotion null: true unless the purpose is SERVICE
 * @param bodyFormat        null: MARKDOWN; must be left out with a template, which has its own
 * @param body              required, unless the body comes from a template
 * @param segmentId         a saved audience; null: every contact with an e-mail address
 * @param templateId        a stored template whose body (format and text part too) this campaign copies, keeping its
 *                          own subject and preheader; then body, bodyFormat and textBody are left out
 * @param layoutId          a stored layout whose HTML shell this campaign copies; null: Mailwijs's standard layout
 */
public record CampaignDraft(
        @NotBlank(message = "a campaign needs a name") @Size(max = 200, message = "is longer than 200 characters") String name,
        @NotNull(message = "the purpose is required: COMMERCIAL, IDEOLOGICAL, CHARITABLE, SERVICE or PERSONAL_PROPOSAL") Purpose purpose,
        List<String> topics,
        Boolean containsPromotion,
        @NotBlank(message = "the From address is required") @Size(max = 320, message = "is longer than 320 characters") String fromAddress,
        @Size(max = 200, message = "is longer than 200 characters") String fromName,
        @NotBlank(message = "a subject is required") @Size(max = 500, message = "is longer than 500 characters") String subject,
        @Size(max = 500, message = "is longer than 500 characters") String preheader,
        BodyFormat bodyFormat,
        @Size(max = 500_000, message = "is longer than 500,000 characters") String body,
        @Size(max = 500_000, message = "is longer than 500,000 characters") String textBody,
        Language language,
        Long segmentId,
        Long templateId,
        Long layoutId) {

    public CampaignDraft {
        topics = topics == null ? List.of() : List.copyOf(topics);
        bodyFormat = bodyFormat == null && templateId == null ? BodyFormat.MARKDOWN : bodyFormat;
        language = language == null ? Language.NL : language;
    }

    /** A campaign with its own body in the standard layout, as before templates and layouts. */
    public CampaignDraft(String name, Purpose purpose, List<String> topics, Boolean containsPromotion, String fromAddress, String fromName,
                         String subject, String preheader, BodyFormat bodyFormat, String body, String textBody, Language language,
                         Long segmentId) {
        this(name, purpose, topics, containsPromotion, fromAddress, fromName, subject, preheader, bodyFormat, body, textBody, language,
                segmentId, null, null);
    }

    public boolean promotion() {
        return containsPromotion != null ? containsPromotion : purpose != Purpose.SERVICE;
    }
}
