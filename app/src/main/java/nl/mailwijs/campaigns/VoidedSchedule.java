package nl.mailwijs.campaigns;

/**
 * Why a schedule was dropped, as the {@code schedule_voided} column keeps it: the code in
 * brackets, then the English sentence ({@code [NO_PREFLIGHT] the schedule for …}). The API shows
 * the sentence, the pages the code; a reason stored before codes were kept has none.
 */
final class VoidedSchedule {

    /** The column's length. */
    private static final int MAX_LENGTH = 1_000;

    private VoidedSchedule() {
    }

    static String stored(CampaignProblem code, String reason) {
        String stored = "[" + code.name() + "] " + reason;
        return stored.length() > MAX_LENGTH ? stored.substring(0, MAX_LENGTH - 1) + "…" : stored;
    }

    /** The sentence alone, for the API; null for null. */
    static String reason(String stored) {
        return code(stored) == null ? stored : stored.substring(stored.indexOf("] ") + 2);
    }

    /** The code, or null when there is none (no reason, or one stored before codes were kept). */
    static CampaignProblem code(String stored) {
        if (stored == null || !stored.startsWith("[")) {
            return null;
        }
        int end = stored.indexOf("] ");
        if (end < 0) {
            return null;
        }
        for (CampaignProblem code : CampaignProblem.values()) {
            if (code.name().equals(stored.substring(1, end))) {
                return code;
            }
        }
        return null;
    }
}
