package nl.mailwijs.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a pre-flight found: who may be mailed and on what basis, who not and why, with examples,
 * and whose soft opt-in lapses within 30 days; and whether the content carries what the law
 * asks of it.
 *
 * @param allowedByBasis   count per basis (CONSENT, SOFT_OPT_IN, …)
 * @param deniedByDenial   count per denial code
 * @param samples          per basis or denial, up to {@link Preflight#SAMPLES} recipients with the deciding sentences
 * @param lapsingWithin30Days allowed recipients whose basis ends within 30 days of the pre-flight
 * @param contentFindings  what the content check found missing (empty: it passed)
 */
public record PreflightReport(long campaignId, int campaignVersion, long settingsVersion, Instant decidedAt, long recipients,
                              long allowed, long denied, Map<String, Long> allowedByBasis, Map<String, Long> deniedByDenial,
                              Map<String, List<Sample>> samples, long lapsingWithin30Days, List<Sample> lapsingSamples,
                              boolean contentPassed, List<String> contentFindings, long milliseconds) {

    /** One recipient as an example: who, and the sentences of the rules that decided. */
    public record Sample(long contactId, String name, String address, String verdict, String basisOrDenial, Instant basisValidUntil,
                         String why) {
    }
}
