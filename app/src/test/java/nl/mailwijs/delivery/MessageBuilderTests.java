package nl.mailwijs.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageBuilderTests {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final MessageBuilder builder = new MessageBuilder(Clock.fixed(NOW, ZoneOffset.UTC));

    static OutgoingMessage message() {
        return new OutgoingMessage(
                new Mailbox("nieuwsbrief@fotostudio-jansen.nl", "Fotostudio Jansen B.V."),
                new Mailbox("jeroen+nieuwsbrief@voorbeeld.nl", "Jeroen van 't Hek"),
                "Uw foto's, nu ook als afdruk",
                "Beste Jeroen,\nUw foto's zijn klaar.\n",
                "<p>Beste Jeroen,</p><p>Uw foto's zijn klaar.</p>",
                "nieuwsbrief.fotostudio-jansen.nl",
                "https://mail.fotostudio-jansen.nl/u/AbC-123_x",
                "mailto:afmelden@fotostudio-jansen.nl?subject=afmelden",
                "tok-42");
    }

    @Test
    void aMessageOutsideAnyMailingHasNoListHeaders() throws Exception {
        BuiltMessage built = builder.build(OutgoingMessage.single(new Mailbox("mailwijs@fotostudio-jansen.nl", "Mailwijs"),
                new Mailbox("privacy@fotostudio-jansen.nl", null), "Bezwaar ontvangen: Anna", "Anna maakte bezwaar.\n", null, "n12"));
        MimeMessage parsed = parse(built.bytes());

        assertThat(parsed.getHeader("List-Unsubscribe")).isNull();
        assertThat(parsed.getHeader("List-Unsubscribe-Post")).isNull();
        assertThat(parsed.getHeader("List-Id")).isNull();
        assertThat(parsed.getSubject()).isEqualTo("Bezwaar ontvangen: Anna");
        assertThat(built.envelopeFrom()).isEqualTo("bounce+n12@fotostudio-jansen.nl");
        // A mailing always has both: one without the other is a mistake, not a message outside a mailing.
        assertThatThrownBy(() -> new OutgoingMessage(new Mailbox("a@example.nl", null), new Mailbox("b@example.nl", null), "s", "t", null,
                "list.example.nl", null, null, "tok")).isInstanceOf(NullPointerException.class).hasMessageContaining("unsubscribeUrl");
    }

    @Test
    void buildsAMultipartAlternativeMessageWithTheListHeaders() throws Exception {
        BuiltMessage built = builder.build(message());
        MimeMessage parsed = parse(built.bytes());

        assertThat(MimeUtility.unfold(parsed.getHeader("List-Unsubscribe", null)))
                .isEqualTo("<https://mail.fotostudio-jansen.nl/u/AbC-123_x>, <mailto:afmelden@fotostudio-jansen.nl?subject=afmelden>");
        assertThat(parsed.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(parsed.getHeader("List-Id", null)).isEqualTo("<nieuwsbrief.fotostudio-jansen.nl>");
        assertThat(parsed.getHeader("MIME-Version", null)).isEqualTo("1.0");
        assertThat(parsed.getSentDate().toInstant()).isEqualTo(NOW);
        assertThat(parsed.getSubject()).isEqualTo("Uw foto's, nu ook als afdruk");
        InternetAddress from = (InternetAddress) parsed.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("nieuwsbrief@fotostudio-jansen.nl");
        assertThat(from.getPersonal()).isEqualTo("Fotostudio Jansen B.V.");
        assertThat(parsed.getMessageID()).isEqualTo(built.messageId()).matches("<[0-9a-f]{32}@fotostudio-jansen\\.nl>");
        assertThat(built.envelopeFrom()).isEqualTo("bounce+tok-42@fotostudio-jansen.nl");
        assertThat(built.recipient()).isEqualTo("jeroen+nieuwsbrief@voorbeeld.nl");
        assertThat(parsed.getHeader("Return-Path")).as("the receiver adds Return-Path from MAIL FROM").isNull();

        MimeMultipart alternative = (MimeMultipart) parsed.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("Beste Jeroen,\r\nUw foto's zijn klaar.\r\n");
        assertThat(alternative.getBodyPart(1).getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
        assertThat((String) alternative.getBodyPart(1).getContent()).contains("<p>Uw foto's zijn klaar.</p>");
    }

    @Test
    void theBytesAreSevenBitWithCrlfLinesNoLongerThan998() {
        BuiltMessage built = builder.build(withText(message(), "Één régel met diacrieten: ë ï ö ü € — en nog veel meer tekst ".repeat(40)));
        byte[] bytes = built.bytes();
        for (int i = 0; i < bytes.length; i++) {
            assertThat(bytes[i] & 0xFF).as("byte %d", i).isLessThan(0x80);
            if (bytes[i] == '\n') {
                assertThat(bytes[i - 1]).as("LF at %d without CR", i).isEqualTo((byte) '\r');
            }
        }
        for (String line : new String(bytes, StandardCharsets.US_ASCII).split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(998);
        }
    }

    @Test
    void nonAsciiDisplayNameAndSubjectAreEncodedWordsThatDecodeBack() throws Exception {
        OutgoingMessage message = message();
        message = new OutgoingMessage(new Mailbox(message.from().address(), "Bäckerei Müller-Öztürk"),
                new Mailbox(message.to().address(), "Aäron"), "Ärger? Nee: €10 korting op afdrukken 📷",
                message.text(), message.html(), message.listId(), message.unsubscribeUrl(), null, message.bounceToken());
        BuiltMessage built = builder.build(message);
        String raw = new String(built.bytes(), StandardCharsets.US_ASCII);
        MimeMessage parsed = parse(built.bytes());

        assertThat(raw).contains("From: =?UTF-8?").contains("Subject: =?UTF-8?");
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo("Bäckerei Müller-Öztürk");
        assertThat(((InternetAddress) parsed.getAllRecipients()[0]).getPersonal()).isEqualTo("Aäron");
        assertThat(parsed.getSubject()).isEqualTo("Ärger? Nee: €10 korting op afdrukken 📷");
        assertThat(parsed.getHeader("List-Unsubscribe", null)).isEqualTo("<https://mail.fotostudio-jansen.nl/u/AbC-123_x>");
    }

    @Test
    void aTextOnlyMessageIsOnePart() throws Exception {
        OutgoingMessage m = message();
        MimeMessage parsed = parse(builder.build(new OutgoingMessage(m.from(), m.to(), m.subject(), "Alleen tekst", null,
                m.listId(), m.unsubscribeUrl(), null, m.bounceToken())).bytes());
        assertThat(parsed.getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(parsed.getContent()).isEqualTo("Alleen tekst");
    }

    @Test
    void idnDomainsGoOnTheWireAsALabelsAndPlusTagsStay() throws Exception {
        OutgoingMessage m = message();
        BuiltMessage built = builder.build(new OutgoingMessage(new Mailbox("info@bäckerei-müller.de", "Bäckerei"),
                new Mailbox("jan+Nieuws@Münchën.EXAMPLE", null), m.subject(), m.text(), m.html(), m.listId(),
                m.unsubscribeUrl(), null, m.bounceToken()));
        String raw = new String(built.bytes(), StandardCharsets.US_ASCII);

        assertThat(built.recipient()).isEqualTo("jan+Nieuws@xn--mnchn-qsa9i.example");
        assertThat(built.recipientDomain()).isEqualTo("xn--mnchn-qsa9i.example");
        assertThat(built.envelopeFrom()).isEqualTo("bounce+tok-42@xn--bckerei-mller-bfb28a.de");
        assertThat(built.messageId()).endsWith("@xn--bckerei-mller-bfb28a.de>");
        assertThat(raw).contains("To: jan+Nieuws@xn--mnchn-qsa9i.example");
    }

    @Test
    void aUtf8LocalPartIsRefusedBecauseItNeedsSmtpUtf8() {
        OutgoingMessage m = message();
        assertThatThrownBy(() -> builder.build(new OutgoingMessage(m.from(), Mailbox.of("jörg@example.de"), m.subject(),
                m.text(), m.html(), m.listId(), m.unsubscribeUrl(), null, m.bounceToken())))
                .isInstanceOf(UnsafeHeaderException.class)
                .hasMessageContaining("to.address").hasMessageContaining("SMTPUTF8");
    }

    @ParameterizedTest(name = "bounce token \"{0}\"")
    @ValueSource(strings = {"", "tok.42", "tok 42", "tök", "tok@42", "tok+42", "tok/42",
            "12345678901234567890123456789012345678901234567890123456789012345"})
    void aBounceTokenThatIsNotOneTo64LettersDigitsDashesOrUnderscoresIsRefused(String token) {
        OutgoingMessage m = message();
        assertThatThrownBy(() -> builder.build(new OutgoingMessage(m.from(), m.to(), m.subject(), m.text(), m.html(), m.listId(),
                m.unsubscribeUrl(), null, token)))
                .isInstanceOf(UnsafeHeaderException.class)
                .hasMessageContaining("bounceToken");
    }

    @Test
    void aBounceTokenOf64LettersDigitsDashesAndUnderscoresIsTheEnvelopesTag() {
        OutgoingMessage m = message();
        String token = "Az09_-".repeat(10) + "xY_-";
        BuiltMessage built = builder.build(new OutgoingMessage(m.from(), m.to(), m.subject(), m.text(), m.html(), m.listId(),
                m.unsubscribeUrl(), null, token));
        assertThat(built.envelopeFrom()).startsWith("bounce+" + token + "@");
    }

    @Test
    void everyMessageIdIsNew() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            ids.add(builder.build(message()).messageId());
        }
        assertThat(ids).hasSize(500);
    }

    static Stream<Arguments> injections() {
        OutgoingMessage m = message();
        Stream<String> fields = Stream.of("from.displayName", "from.address", "to.displayName", "to.address", "subject",
                "listId", "unsubscribeUrl", "unsubscribeMailto", "bounceToken");
        return fields.flatMap(field -> Stream.of("\r\nBcc: victim@example.com", "\nBcc: victim@example.com", "\r", "\u0000", "\u0085", "\u2028", "\t")
                .map(bad -> Arguments.of(field, bad, m)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("injections")
    void aControlCharacterInAnyHeaderFieldIsRefusedNamingTheField(String field, String bad, OutgoingMessage m) {
        Mailbox from = m.from();
        Mailbox to = m.to();
        String subject = m.subject();
        String listId = m.listId();
        String url = m.unsubscribeUrl();
        String mailto = m.unsubscribeMailto();
        String token = m.bounceToken();
        switch (field) {
            case "from.displayName" -> from = new Mailbox(from.address(), "Fotostudio" + bad + "Jansen");
            case "from.address" -> from = new Mailbox("nieuwsbrief" + bad + "@fotostudio-jansen.nl", from.displayName());
            case "to.displayName" -> to = new Mailbox(to.address(), "Jeroen" + bad);
            case "to.address" -> to = new Mailbox("jeroen@voorbeeld.nl" + bad, to.displayName());
            case "subject" -> subject = "Aanbieding" + bad + "vandaag";
            case "listId" -> listId = "nieuwsbrief" + bad + ".example.nl";
            case "unsubscribeUrl" -> url = url + bad + "x";
            case "unsubscribeMailto" -> mailto = mailto + bad;
            case "bounceToken" -> token = token + bad;
            default -> throw new IllegalArgumentException(field);
        }
        OutgoingMessage injected = new OutgoingMessage(from, to, subject, m.text(), m.html(), listId, url, mailto, token);

        assertThatThrownBy(() -> builder.build(injected))
                .isInstanceOfSatisfying(UnsafeHeaderException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void theOneClickUrlMustBeHttps() {
        OutgoingMessage m = message();
        assertThatThrownBy(() -> builder.build(new OutgoingMessage(m.from(), m.to(), m.subject(), m.text(), m.html(), m.listId(),
                "http://mail.example.nl/u/x", null, m.bounceToken())))
                .isInstanceOfSatisfying(UnsafeHeaderException.class, e -> assertThat(e.field()).isEqualTo("unsubscribeUrl"));
    }

    static OutgoingMessage withText(OutgoingMessage m, String text) {
        return new OutgoingMessage(m.from(), m.to(), m.subject(), text, m.html(), m.listId(), m.unsubscribeUrl(),
                m.unsubscribeMailto(), m.bounceToken());
    }

    static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }
}
