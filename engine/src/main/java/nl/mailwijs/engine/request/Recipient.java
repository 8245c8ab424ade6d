package nl.mailwijs.engine.request;

import java.util.Objects;

/**
 * Who receives the message, on which channel and address.
 *
 * @param address            an e-mail address (local part kept, domain lower case) or an E.164 phone number
 * @param publishedForOffers the business designated and published this address for offers
 */
public record Recipient(RecipientKind kind, String country, Channel channel, String address, boolean publishedForOffers) {

    public Recipient {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
    }

    /** The part before the last {@code @} of an e-mail address; empty for phone numbers. */
    public String localPart() {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(0, at);
    }
}
