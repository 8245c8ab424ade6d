package nl.mailwijs.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class UnsubscribeTokensTests {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test-secret".getBytes(StandardCharsets.US_ASCII);

    private final UnsubscribeTokens tokens = new UnsubscribeTokens(SECRET);

    @Test
    void aTokenVerifiesToTheKeyItWasMadeFrom() {
        String key = tokens.newKey();
        String token = tokens.token(key);

        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(tokens.verify(token)).contains(key);
    }

    @Test
    void everyKeyAndTokenIsDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(tokens.token(tokens.newKey()))).isTrue();
        }
    }

    @Test
    void changingAnyCharacterOfATokenMakesItInvalid() {
        String token = tokens.token(tokens.newKey());
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < token.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c != token.charAt(i)) {
                    String altered = token.substring(0, i) + c + token.substring(i + 1);
                    assertThat(tokens.verify(altered)).as("changed position %d to %s", i, c).isEmpty();
                }
            }
        }
    }

    @Test
    void aTokenMadeWithAnotherSecretOrForgedIsRefused() {
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        String key = tokens.newKey();
        assertThat(tokens.verify(new UnsubscribeTokens(other).token(key))).isEmpty();

        // A forger who knows the format but not the secret: the key with a guessed tag.
        byte[] forged = new byte[32];
        Arrays.fill(forged, (byte) 7);
        assertThat(tokens.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(forged))).isEmpty();
    }

    @Test
    void malformedInputIsSimplyInvalid() {
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify("short")).isEmpty();
        assertThat(tokens.verify("!".repeat(43))).isEmpty();
        assertThat(tokens.verify(tokens.token(tokens.newKey()) + "A")).isEmpty();
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new UnsubscribeTokens(new byte[16])).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("32");
        assertThatThrownBy(() -> tokens.token("not-hex")).isInstanceOf(DeliveryException.class);
    }
}
