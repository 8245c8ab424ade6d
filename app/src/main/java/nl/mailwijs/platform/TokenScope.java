package nl.mailwijs.platform;

import java.util.Locale;
import java.util.Optional;

/** What an API token may do. WRITE includes READ. */
public enum TokenScope {
    READ, WRITE;

    public static Optional<TokenScope> fromName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "read" -> Optional.of(READ);
            case "write" -> Optional.of(WRITE);
            default -> Optional.empty();
        };
    }

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }
}
