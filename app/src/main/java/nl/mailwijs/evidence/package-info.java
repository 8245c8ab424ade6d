/**
 * The evidence ledger: purchases, interactions, consents, objections and withdrawals per
 * contact, append-only and tamper-evident (a SHA-256 hash chain over every record).
 * {@link nl.mailwijs.evidence.Ledger} appends and corrects (a correction is a new record that
 * supersedes the old one; both are kept), builds the engine's
 * {@link nl.mailwijs.engine.request.Evidence} for a contact, and verifies the chain.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evidence")
package nl.mailwijs.evidence;
