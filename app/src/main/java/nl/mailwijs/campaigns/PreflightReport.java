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
 * @param suppressed       allowed recipients whose address is suppressed (it bounced, or its server refused it while
 *                         sending): not sent. An exclusion outside the engine, which decides on the law only; their
 *                         messages are stopped at send time as {@value #ADDRESS_SUPPRESSED}
 * @param suppressedByReason count per suppression reason (HARD_BOUNCE, REJECTED_AT_SEND, SOFT_BOUNCES)
 * @param suppressedSamples up to {@link Preflight#SAMPLES} of them, verdict {@value #EXCLUDED}, with the bounce as reason
 * @param contentFindings  what the content check found missing (empty: it passed)
 */
public record PreflightReport(long campaignId, int campaignVersion, long settingsVersion, Instant decidedAt, long recipients,
                              long allowed, long denied, Map<String, Long> allowedByBasis, Map<String, Long> deniedByDenial,
                              Map<String, List<Sample>> samples, long lapsingWithin30Days, List<Sample> lapsingSamples,
                              Long suppressed, Map<String, Long> suppressedByReason, List<Sample> suppressedSamples, boolean contentPassed,
                              List<String> contentFindings, long milliseconds) {

    /** A report stored before suppressions were reported has none of their fields: read as none suppressed. */
    public PreflightReport {
        suppressed = suppressed == null ? 0L : suppressed;
        suppressedByReason = suppressedByReason == null ? Map.of() : suppressedByReason;
        suppressedSamples = suppressedSamples == null ? List.of() : suppressedSamples;
    }

    /** The verdict of a sample that the engine allowed and a suppression excluded. */
    public static final String EXCLUDED = "EXCLUDED";
    public static final String ADDRESS_SUPPRESSED = "ADDRESS_SUPPRESSED";

    /** One recipient as an example: who, and the sentences of the rules that decided. */
    public record Sample(long contactId, String name, String address, String verdict, String basisOrDenial, Instant basisValidUntil,
                         String why) {
    }
}
