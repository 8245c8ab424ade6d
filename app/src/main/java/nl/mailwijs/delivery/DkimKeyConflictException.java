package nl.mailwijs.delivery;

/** A key with this selector exists for this domain already: one DNS name holds one record. */
public class DkimKeyConflictException extends DeliveryException {

    public DkimKeyConflictException(String message) {
        super(message);
    }
}
