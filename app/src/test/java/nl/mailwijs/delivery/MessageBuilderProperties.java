package nl.mailwijs.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * MessageBuilder writes MIME itself; Angus Mail, an independent parser, must read back exactly
 * what went in, for any text: non-ASCII of every plane, long words, quotes, trailing spaces,
 * bare CR or LF, lines far past 998. And the bytes stay 7-bit, CRLF, lines at most 998.
 */
class MessageBuilderProperties {

    private final MessageBuilder builder = new MessageBuilder(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

    @Provide
    Arbitrary<String> headerText() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30),
                Arbitraries.strings().withCharRange('\u00A0', '\u024F').ofMaxLength(10),
                Arbitraries.of("📷", "€", "Zoë", "\"quoted\"", "back\\slash", "B.V.", "  ", "=?UTF-8?Q?x?=", "_", "李小龍", "x".repeat(1200)));
        return pieces.list().ofMaxSize(8).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> bodyText() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(100),
                Arbitraries.strings().withCharRange('\u00A0', '\u07FF').ofMaxLength(40),
                Arbitraries.of("\n", "\r\n", "\r", " \n", "\t\r\n", ".\n", "=", "📷", "a".repeat(2000), "é".repeat(500), "----=_Part_"));
        return pieces.list().ofMaxSize(12).map(list -> String.join("", list));
    }

    @Property(tries = 300)
    void whatGoesInIsWhatAngusReadsBack(@ForAll("headerText") String subject, @ForAll("headerText") String name,
                                         @ForAll("bodyText") String text, @ForAll("bodyText") String html) throws Exception {
        OutgoingMessage m = MessageBuilderTests.message();
        BuiltMessage built = builder.build(new OutgoingMessage(new Mailbox(m.from().address(), name),
                m.to(), subject, text, html, m.listId(), m.unsubscribeUrl(), m.unsubscribeMailto(), m.bounceToken()));
        byte[] bytes = built.bytes();

        int lineLength = 0;
        for (int i = 0; i < bytes.length; i++) {
            assertThat(bytes[i] & 0xFF).as("byte %d", i).isLessThan(0x80);
            if (bytes[i] == '\n') {
                assertThat(bytes[i - 1]).as("LF at %d without CR", i).isEqualTo((byte) '\r');
                lineLength = 0;
            } else if (bytes[i] != '\r' && ++lineLength > 998) {
                throw new AssertionError("line longer than 998 at byte " + i);
            }
        }
        String raw = new String(bytes, StandardCharsets.US_ASCII);
        String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
        for (String line : headers.split("\r\n")) {
            if (line.contains("=?UTF-8?Q?")) {
                assertThat(line.length()).as("a line with encoded words (RFC 2047: 76): %s", line).isLessThanOrEqualTo(76);
            }
        }

        MimeMessage parsed = MessageBuilderTests.parse(bytes);
        // A parser drops the blanks between the colon and the value: an ASCII subject's own leading blanks go with them.
        assertThat(parsed.getSubject().stripLeading()).isEqualTo(subject.stripLeading());
        InternetAddress from = (InternetAddress) parsed.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo(m.from().address());
        assertThat(from.getPersonal()).isEqualTo(name.isBlank() ? null : name);
        MimeMultipart alternative = (MimeMultipart) parsed.getContent();
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo(crlf(text));
        assertThat(alternative.getBodyPart(1).getContent()).isEqualTo(crlf(html));
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }
}
