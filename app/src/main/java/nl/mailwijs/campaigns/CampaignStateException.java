package nl.mailwijs.campaigns;

/** What was asked cannot be done in the campaign's current state (answered with 409 and the reason). */
public class CampaignStateException extends RuntimeException {

    public CampaignStateException(String message) {
        super(message);
    }
}
