package nl.mailwijs.engine.request;

/** The electronic channels art. 11.7 Tw regulates. */
public enum Channel {
    EMAIL, SMS, WHATSAPP;

    /** Whether an address on this channel is a phone number in E.164 form. */
    public boolean usesPhoneNumbers() {
        return this != EMAIL;
    }
}
