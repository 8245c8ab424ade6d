/**
 * Unsubscribing: the link in every message's footer and {@code List-Unsubscribe} header. One
 * click (RFC 8058) or one button records an objection in the ledger at once, free and without a
 * login, as Tw 11.7 asks.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Unsubscribe")
package nl.mailwijs.unsubscribe;
