package nl.mailwijs.platform;

/**
 * What a person who signs in may do. In the web application: an admin everything, a marketer
 * work with contacts, imports and campaigns, a viewer only look. Over the API with their login,
 * a marketer acts as a write token (except sender settings), a viewer as a read token.
 */
public enum UserRole {
    ADMIN, MARKETER, VIEWER;

    /** The Spring Security authority, e.g. {@code ROLE_MARKETER}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
