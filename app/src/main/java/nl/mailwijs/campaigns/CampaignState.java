package nl.mailwijs.campaigns;

/** Where a campaign is: written and checked, going out, held, stopped for good, or done. */
public enum CampaignState {
    DRAFT, SENDING, PAUSED, CANCELLED, SENT
}
