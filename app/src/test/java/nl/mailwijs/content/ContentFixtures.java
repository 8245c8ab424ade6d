package nl.mailwijs.content;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.settings.SenderSettings;

/** Sender settings and recipients the content tests share. */
final class ContentFixtures {

    static final String UNSUBSCRIBE = "https://mail.fotostudio-jansen.nl/afmelden/t0k3n";

    private ContentFixtures() {
    }

    static SenderSettings settings() {
        return settings("Fotostudio Jansen B.V.", "Studio Licht", "12345678", "Dorpsstraat 1\n1234 AB Dorp", "privacy@fotostudio-jansen.nl");
    }

    static SenderSettings settings(String legalName, String tradeName, String kvk, String postalAddress, String objectionAddress) {
        return new SenderSettings(1, legalName, tradeName, kvk, postalAddress, "NL", objectionAddress, Map.of(), 24,
                List.of(), Instant.parse("2026-01-01T00:00:00Z"), "admin");
    }

    static MessageRecipient recipient(String firstName) {
        return new MessageRecipient(firstName, "Anna de Vries", "anna@example.nl", Map.of("city", "Utrecht"), UNSUBSCRIBE, Basis.CONSENT);
    }

    static MessageRecipient softOptIn(String firstName) {
        return new MessageRecipient(firstName, "Anna de Vries", "anna@example.nl", Map.of("city", "Utrecht"), UNSUBSCRIBE, Basis.SOFT_OPT_IN);
    }
}
