package nl.mailwijs.signup;

import java.time.Instant;
import java.util.List;

/** A consent text ("newsletter") with its versions, oldest first. */
public record ConsentText(long id, String name, Instant createdAt, List<ConsentTextVersion> versions) {

    public ConsentText {
        versions = List.copyOf(versions);
    }

    public ConsentTextVersion latest() {
        return versions.getLast();
    }
}
