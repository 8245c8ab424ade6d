package nl.mailwijs.delivery;

/** Root of every error the delivery module throws; the message says what is wrong and what to do. */
public class DeliveryException extends RuntimeException {

    public DeliveryException(String message) {
        super(message);
    }

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
