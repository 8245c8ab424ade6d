package nl.mailwijs.contacts;

import java.time.Instant;

import nl.mailwijs.engine.request.Channel;

/**
 * One address of a contact.
 *
 * @param address     normalised: an e-mail address with its domain in lower case (Unicode kept), or E.164
 * @param asciiDomain the e-mail domain as A-label, as SMTP needs it; null for phone numbers
 */
public record ContactAddress(Channel channel, String address, String asciiDomain, Instant addedAt) {
}
