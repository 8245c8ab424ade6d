package nl.mailwijs.suppression;

import java.time.Instant;
import java.util.List;

/**
 * A contact's personal data was erased. Published inside the erasure's transaction: a module
 * that keeps a copy of the contact's addresses (an outbox row, a stored decision) blanks it in
 * its listener, and the erasure commits with all of them or with none.
 *
 * @param addresses the addresses the contact had, as stored (only in memory, for finding copies)
 */
public record ContactErased(long contactId, List<String> addresses, Instant erasedAt) {

    /** What a blanked address reads as. */
    public static final String ERASED = "(erased)";

    public ContactErased {
        addresses = List.copyOf(addresses);
    }
}
