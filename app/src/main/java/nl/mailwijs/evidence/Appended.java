package nl.mailwijs.evidence;

/**
 * What an append did.
 *
 * @param created false when the same content with the same source id was already recorded for
 *                the contact: that record is returned and nothing was added, so a client may
 *                safely send the same evidence again after a timeout
 */
public record Appended(EvidenceRecord record, boolean created) {
}
