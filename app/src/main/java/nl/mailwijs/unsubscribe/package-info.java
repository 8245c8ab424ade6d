/**
 * Unsubscribing: the link in every message's footer and {@code List-Unsubscribe} header. One
 * click (RFC 8058) or one button records an objection in the ledger at once, free and without a
 * login, as Tw 11.7 asks. Behind the same link, an optional preference centre: per topic and per
 * channel "keep" or "stop", and "nothing any more", each choice recorded as an objection or a
 * withdrawal of consent before the page answers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Unsubscribe")
package nl.mailwijs.unsubscribe;
