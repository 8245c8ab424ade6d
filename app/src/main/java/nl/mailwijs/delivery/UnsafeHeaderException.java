package nl.mailwijs.delivery;

/**
 * A value that would become (part of) a header is unsafe or malformed: it holds a line break or
 * another control character (header injection), or is not what the field allows. Names the field
 * ({@code subject}, {@code from.displayName}, {@code to.address}, {@code unsubscribeUrl}, ...).
 */
public class UnsafeHeaderException extends DeliveryException {

    private final String field;

    public UnsafeHeaderException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The field of {@link OutgoingMessage} that was refused, e.g. {@code from.displayName}. */
    public String field() {
        return field;
    }
}
