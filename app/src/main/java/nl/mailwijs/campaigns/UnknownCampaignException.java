package nl.mailwijs.campaigns;

/** There is no campaign (or segment) with the id asked for. */
public class UnknownCampaignException extends RuntimeException {

    public UnknownCampaignException(String what) {
        super(what);
    }
}
