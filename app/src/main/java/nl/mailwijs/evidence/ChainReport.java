package nl.mailwijs.evidence;

import java.util.List;

/**
 * The outcome of {@link Ledger#verifyEach(int)}: every broken record of the chain, not only the
 * first, for a person checking the ledger.
 *
 * @param records  how many records the walk looked at
 * @param erased   how many of them had their content erased by a GDPR erasure
 * @param broken   each broken record with what is wrong, by id; empty when the chain is intact
 * @param moreBroken true when there were more broken records than asked for: the list is the first of them
 */
public record ChainReport(long records, long erased, List<Broken> broken, boolean moreBroken) {

    public ChainReport {
        broken = List.copyOf(broken);
    }

    /** One broken record: its id (or the first id of missing ones) and what does not match. */
    public record Broken(long recordId, String reason) {
    }

    public boolean intact() {
        return broken.isEmpty();
    }
}
