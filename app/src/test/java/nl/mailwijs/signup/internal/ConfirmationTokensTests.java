package nl.mailwijs.signup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ConfirmationTokensTests {

    private final ConfirmationTokens tokens = new ConfirmationTokens(secret(7));

    private static byte[] secret(int fill) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) fill);
        return secret;
    }

    @Test
    void aTokenCarriesItsSignUpAndExpiry() {
        Instant expiry = Instant.parse("2026-03-01T12:00:00Z");
        String token = tokens.token(42, expiry);
        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(tokens.verify(token)).contains(new ConfirmationTokens.Link(42, expiry));
    }

    @Test
    void everyAlteredCharacterAndAnotherSecretAreRefused() {
        String token = tokens.token(42, Instant.parse("2026-03-01T12:00:00Z"));
        for (int i = 0; i < token.length(); i++) {
            char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
            String altered = token.substring(0, i) + replacement + token.substring(i + 1);
            assertThat(tokens.verify(altered)).as("character %d altered", i).isEmpty();
        }
        assertThat(new ConfirmationTokens(secret(8)).verify(token)).isEmpty();
        assertThat(tokens.verify(token + "A")).isEmpty();
        assertThat(tokens.verify("not a token")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
    }
}
