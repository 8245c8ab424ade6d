package nl.mailwijs.campaigns;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import nl.mailwijs.content.BodyFormat;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Purpose;

/**
 * A mailing as stored.
 *
 * @param version          goes up with every change; a pre-flight and a send belong to one version
 * @param body             the content; for a campaign made from a template, the template's body as it was when the
 *                         campaign was last saved (see {@link TemplateLibrary})
 * @param templateId       the template the body was copied from, or null; it may have been changed or deleted since
 * @param templateVersion  the version of that template that was copied
 * @param layoutId         the layout the HTML shell was copied from, or null for Mailwijs's standard layout
 * @param layoutVersion    the version of that layout that was copied
 * @param layoutHtml       the copied layout's HTML, or null for the standard layout
 * @param preflightVersion the version the last pre-flight decided for, or null
 * @param sendAt           when a SCHEDULED campaign is to be queued (and when it was, once it went out); null if never
 * @param scheduledVersion the version that was scheduled
 * @param scheduleVoided   why the server dropped this campaign's last schedule instead of sending it; null if it did not
 * @param scheduleVoidedCode the same as a code, for the pages; null also for a reason stored before codes were kept.
 *                         Not part of the API's campaign
 */
public record Campaign(long id, String name, CampaignState state, int version, Purpose purpose, List<String> topics,
                       boolean containsPromotion, String fromAddress, String fromName, String subject, String preheader,
                       BodyFormat bodyFormat, String body, String textBody, Language language, Long segmentId,
                       Long templateId, Integer templateVersion, Long layoutId, Integer layoutVersion, String layoutHtml,
                       Integer preflightVersion, Instant preflightAt, Instant sendAt, Integer scheduledVersion, String scheduleVoided,
                       @JsonIgnore CampaignProblem scheduleVoidedCode, Instant createdAt, Instant updatedAt) {

    public Campaign {
        topics = List.copyOf(topics);
    }

    public boolean preflightCurrent() {
        return preflightVersion != null && preflightVersion == version;
    }
}
