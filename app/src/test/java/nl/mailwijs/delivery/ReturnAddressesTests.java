package nl.mailwijs.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import nl.mailwijs.inbound.InboundParser;

/** The return path and the unsubscribe address: one mailbox, told apart by their shape only. */
class ReturnAddressesTests {

    private static final String TOKEN = "ypeBEsobvcr6wjGzmiPcTaeG7_gUfE5yuYB3ha_uSLs";

    @Test
    void theBounceAndUnsubscribeAddressesCarryTheTokenAndAreToldApart() {
        assertThat(ReturnAddresses.bounce(TOKEN, "example.nl")).isEqualTo("bounce+" + TOKEN + "@example.nl");
        assertThat(ReturnAddresses.unsubscribeMailto(TOKEN, "example.nl"))
                .isEqualTo("mailto:bounce+unsubscribe." + TOKEN + "@example.nl?subject=unsubscribe");
        assertThat(ReturnAddresses.bounceToken("<bounce+" + TOKEN + "@example.nl>")).contains(TOKEN);
        assertThat(ReturnAddresses.unsubscribeToken("bounce+unsubscribe." + TOKEN + "@example.nl")).contains(TOKEN);
        assertThat(ReturnAddresses.bounceToken("bounce+unsubscribe." + TOKEN + "@example.nl")).isEmpty();
        assertThat(ReturnAddresses.unsubscribeToken("bounce+" + TOKEN + "@example.nl")).isEmpty();
        assertThat(ReturnAddresses.unsubscribeTokenIn("\"Afmelden\" <bounce+unsubscribe." + TOKEN + "@example.nl>, jan@example.nl"))
                .contains(TOKEN);
        assertThat(ReturnAddresses.unsubscribeTokenIn("xbounce+unsubscribe." + TOKEN + "@example.nl")).isEmpty();
        assertThat(ReturnAddresses.bounceToken("jan@example.nl")).isEmpty();
        assertThat(ReturnAddresses.bounceToken(null)).isEmpty();
    }

    @Test
    void theParserNeverReadsTheUnsubscribeAddressAsABounceToken() {
        String mail = "From: jan@example.com\r\nTo: bounce+unsubscribe." + TOKEN + "@example.nl\r\nSubject: unsubscribe\r\n\r\nunsubscribe\r\n";
        assertThat(new InboundParser().parse(mail.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).token()).isNull();
    }
}
