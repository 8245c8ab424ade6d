package nl.mailwijs.evidence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import nl.mailwijs.decisionjson.ProblemCode;

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

    /**
     * One broken record: its id (or the first id of missing ones) and what does not match, as a
     * code with the values it names (for the pages) and as an English sentence (for the API and logs).
     */
    public record Broken(long recordId, Problem problem, List<Object> arguments, String reason) {

        public Broken {
            // Not List.copyOf: an argument may be null (a hash the damaged row lacks).
            arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
        }
    }

    /** What can be wrong with a link of the chain; the arguments each takes are in its comment. */
    public enum Problem implements ProblemCode {
        /** (first missing id, last missing id, the record found after them, how many are missing) */
        MISSING,
        /** (the previous_hash stored, the hash of the record before it) */
        LINK_CHANGED,
        /** (what the content hashes to, the content_digest stored) */
        CONTENT_CHANGED,
        /** (the hash stored, what the fields and content hash to) */
        FIELDS_CHANGED,
        /** (): content blanked, but no erasure record names the record */
        BLANKED,
        /** (first missing id, last missing id, the last record the chain head names, how many are missing) */
        MISSING_AT_END,
        /** (the chain head's hash, the hash of the last record) */
        HEAD_CHANGED;

        @Override
        public String key() {
            return "problem.ledger." + name();
        }
    }

    public boolean intact() {
        return broken.isEmpty();
    }
}
