package nl.mailwijs.campaigns;

/**
 * Where a campaign is: written and checked, waiting for its time, going out, held, stopped for
 * good, or done.
 */
public enum CampaignState {
    DRAFT, SCHEDULED, SENDING, PAUSED, CANCELLED, SENT
}
