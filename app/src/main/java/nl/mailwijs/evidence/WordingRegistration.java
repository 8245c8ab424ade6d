package nl.mailwijs.evidence;

/**
 * What {@link Ledger#registerWording} did.
 *
 * @param created false when the same text, version and language were registered before
 */
public record WordingRegistration(ConsentWording wording, boolean created) {
}
