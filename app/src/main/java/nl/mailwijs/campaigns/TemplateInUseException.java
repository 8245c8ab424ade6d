package nl.mailwijs.campaigns;

import java.util.List;

/**
 * A template or layout cannot be deleted while a draft or scheduled campaign uses it (answered
 * with 409, naming those campaigns): the draft's next save would find it gone.
 */
public class TemplateInUseException extends RuntimeException {

    private final List<Long> campaignIds;

    public TemplateInUseException(String message, List<Long> campaignIds) {
        super(message);
        this.campaignIds = List.copyOf(campaignIds);
    }

    public List<Long> campaignIds() {
        return campaignIds;
    }
}
