/**
 * The sender's identity (legal name, trade name, KvK number, postal address, objection
 * address) and policy (similar topics, soft opt-in term, offer-address local parts), versioned.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Settings")
package nl.mailwijs.settings;
