package nl.mailwijs.campaigns;

/**
 * How far a campaign's sending is.
 *
 * @param perSecond messages sent per second over the last minute
 */
public record CampaignProgress(long campaignId, CampaignState state, long total, long queued, long sending, long sent, long deferred,
                               long failed, long stopped, long cancelled, double perSecond) {

    /** Messages with a final outcome. */
    public long done() {
        return sent + failed + stopped + cancelled;
    }
}
