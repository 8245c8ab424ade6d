package nl.mailwijs.suppressions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which bounces say the address does not work, and which only that the message was refused. */
class BounceKindTests {

    @Test
    void aPermanentFailureOfTheAddressOrMailboxIsHard() {
        assertThat(BounceKind.of(true, "5.1.1")).isEqualTo(BounceKind.HARD);
        assertThat(BounceKind.of(true, "5.2.1")).isEqualTo(BounceKind.HARD);
        assertThat(BounceKind.of(true, "5.4.4")).as("no route to the domain").isEqualTo(BounceKind.HARD);
        assertThat(BounceKind.of(true, "5.0.0")).isEqualTo(BounceKind.HARD);
        assertThat(BounceKind.of(true, null)).as("wording such as 'user unknown', no code").isEqualTo(BounceKind.HARD);
    }

    @Test
    void aPermanentRefusalOfTheMessageForItsContentOrAPolicyIsOnlyCounted() {
        assertThat(BounceKind.of(true, "5.7.1")).as("rejected as spam").isEqualTo(BounceKind.REFUSED);
        assertThat(BounceKind.of(true, "5.3.4")).as("too big").isEqualTo(BounceKind.REFUSED);
        assertThat(BounceKind.of(true, "5.6.0")).isEqualTo(BounceKind.REFUSED);
        assertThat(BounceKind.of(true, "5.5.2")).isEqualTo(BounceKind.REFUSED);
    }

    @Test
    void aTemporaryFailureIsSoftWhateverItsCode() {
        assertThat(BounceKind.of(false, "4.2.2")).isEqualTo(BounceKind.SOFT);
        assertThat(BounceKind.of(false, "5.1.1")).as("the report says it is not permanent").isEqualTo(BounceKind.SOFT);
        assertThat(BounceKind.of(false, null)).isEqualTo(BounceKind.SOFT);
    }

    @Test
    void anSmtpReplyIsReadByItsCodeAndTheEnhancedStatusInItsText() {
        assertThat(BounceKind.ofSmtpReply(550, "550 5.1.1 <jan@example.nl>: no such user")).isEqualTo(BounceKind.HARD);
        assertThat(BounceKind.ofSmtpReply(550, "550 Requested action not taken: mailbox unavailable")).isEqualTo(BounceKind.HARD);
        assertThat(BounceKind.ofSmtpReply(554, "554 5.7.1 Message rejected as spam")).isEqualTo(BounceKind.REFUSED);
        assertThat(BounceKind.ofSmtpReply(452, "452 4.2.2 Mailbox full")).isEqualTo(BounceKind.SOFT);
        assertThat(BounceKind.enhancedStatus("550-5.1.1 The email account that you tried to reach does not exist")).isEqualTo("5.1.1");
        assertThat(BounceKind.enhancedStatus("550 mailbox 10.1.1.1 unknown")).isNull();
        assertThat(BounceKind.enhancedStatus(null)).isNull();
    }
}
