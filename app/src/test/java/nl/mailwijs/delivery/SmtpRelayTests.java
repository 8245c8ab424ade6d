package nl.mailwijs.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmtpRelayTests {

    @Test
    void a_relay_on_this_machine_without_a_stated_security_is_plain() {
        assertThat(new SmtpRelay("127.0.0.1", 2525, null, null, null).security()).isEqualTo(SmtpRelay.Security.NONE);
        assertThat(new SmtpRelay("localhost", 25, null, null, null).security()).isEqualTo(SmtpRelay.Security.NONE);
    }

    @Test
    void any_other_relay_without_a_stated_security_requires_starttls() {
        assertThat(new SmtpRelay("smtp.example.nl", 587, null, "user", "secret").security()).isEqualTo(SmtpRelay.Security.STARTTLS);
    }

    @Test
    void a_stated_security_is_kept_and_a_port_out_of_range_is_refused() {
        assertThat(new SmtpRelay("smtp.example.nl", 465, SmtpRelay.Security.IMPLICIT_TLS, null, null).security())
                .isEqualTo(SmtpRelay.Security.IMPLICIT_TLS);
        assertThatThrownBy(() -> new SmtpRelay("smtp.example.nl", 0, null, null, null)).hasMessageContaining("port");
    }
}
