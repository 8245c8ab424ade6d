package nl.mailwijs.evidence;

/**
 * The outcome of {@link Ledger#verify()}: intact with the number of records, or the first
 * broken link.
 *
 * @param erased   how many records had their content erased by a GDPR erasure; their place in the chain still verifies
 * @param brokenAt the id of the first record that does not match (or is missing); null when intact
 * @param reason   what does not match; null when intact
 */
public record ChainVerification(boolean intact, long records, long erased, Long brokenAt, String reason) {

    public static ChainVerification intact(long records) {
        return intact(records, 0);
    }

    /** @param erased how many of the records had their content erased (and were named by an erasure record) */
    public static ChainVerification intact(long records, long erased) {
        return new ChainVerification(true, records, erased, null, null);
    }

    public static ChainVerification broken(long recordsBefore, long brokenAt, String reason) {
        return new ChainVerification(false, recordsBefore, 0, brokenAt, reason);
    }

    @Override
    public String toString() {
        return intact ? "intact, " + records + " records" + (erased == 0 ? "" : " (" + erased + " erased)")
                : "broken at record " + brokenAt + ": " + reason;
    }
}
