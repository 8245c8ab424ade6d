package nl.mailwijs.evidence;

/**
 * The outcome of {@link Ledger#verify()}: intact with the number of records, or the first
 * broken link.
 *
 * @param brokenAt the id of the first record that does not match (or is missing); null when intact
 * @param reason   what does not match; null when intact
 */
public record ChainVerification(boolean intact, long records, Long brokenAt, String reason) {

    public static ChainVerification intact(long records) {
        return new ChainVerification(true, records, null, null);
    }

    public static ChainVerification broken(long recordsBefore, long brokenAt, String reason) {
        return new ChainVerification(false, recordsBefore, brokenAt, reason);
    }

    @Override
    public String toString() {
        return intact ? "intact, " + records + " records" : "broken at record " + brokenAt + ": " + reason;
    }
}
