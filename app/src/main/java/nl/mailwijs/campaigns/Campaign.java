package nl.mailwijs.campaigns;

import java.time.Instant;
import java.util.List;

import nl.mailwijs.content.BodyFormat;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.request.Purpose;

/**
 * A mailing as stored.
 *
 * @param version          goes up with every change; a pre-flight and a send belong to one version
 * @param preflightVersion the version the last pre-flight decided for, or null
 */
public record Campaign(long id, String name, CampaignState state, int version, Purpose purpose, List<String> topics,
                       boolean containsPromotion, String fromAddress, String fromName, String subject, String preheader,
                       BodyFormat bodyFormat, String body, String textBody, Language language, Long segmentId,
                       Integer preflightVersion, Instant preflightAt, Instant createdAt, Instant updatedAt) {

    public Campaign {
        topics = List.copyOf(topics);
    }

    public boolean preflightCurrent() {
        return preflightVersion != null && preflightVersion == version;
    }
}
