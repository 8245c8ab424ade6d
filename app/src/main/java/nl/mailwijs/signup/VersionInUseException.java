package nl.mailwijs.signup;

/** A consent text version that a form has shown cannot change: consents point to it as what the person saw. */
public final class VersionInUseException extends RuntimeException {

    public VersionInUseException(long consentTextId, int version) {
        super("version " + version + " of consent text " + consentTextId + " is shown by a form and can no longer change;"
                + " POST /api/v1/consent-texts/" + consentTextId + "/versions makes a new version");
    }
}
