package nl.mailwijs.contacts;

/** A contact id that names no contact; the API answers 404. */
public final class UnknownContactException extends RuntimeException {

    private final long id;

    public UnknownContactException(long id) {
        super("There is no contact " + id + "; list contacts with GET /api/v1/contacts.");
        this.id = id;
    }

    public long id() {
        return id;
    }
}
