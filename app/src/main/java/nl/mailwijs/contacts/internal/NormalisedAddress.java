package nl.mailwijs.contacts.internal;

import java.util.Locale;

import nl.mailwijs.decisionjson.DecisionRequestJson;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.values.EmailAddresses;

/**
 * An address as stored and compared.
 *
 * @param address     the normalised address (what is shown and sent to)
 * @param key         what lookups compare: lower case, e-mail domain as A-label
 * @param asciiDomain the A-label e-mail domain; null for phone numbers
 */
public record NormalisedAddress(Channel channel, String address, String key, String asciiDomain) {

    /** Normalises a raw address for its channel; an error names {@code field}. */
    public static NormalisedAddress of(String field, Channel channel, String raw) {
        String address = DecisionRequestJson.address(field, raw, channel);
        if (channel.usesPhoneNumbers()) {
            return new NormalisedAddress(channel, address, address, null);
        }
        String asciiDomain = EmailAddresses.asciiDomain(address).toLowerCase(Locale.ROOT);
        String localPart = address.substring(0, address.lastIndexOf('@'));
        // The local part may be case-sensitive by the letter of RFC 5321, but no mailbox
        // provider treats it so, and an objection must not be escaped by typing JAN@ for jan@.
        return new NormalisedAddress(channel, address, localPart.toLowerCase(Locale.ROOT) + "@" + asciiDomain, asciiDomain);
    }
}
