package nl.mailwijs.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The one-pass body encoder against the straightforward one it replaced: text to UTF-8 bytes,
 * line breaks to CRLF, count, then encode byte by byte. Same encoding chosen, same bytes written.
 */
class MimeWriterBodyProperties {

    @Property(tries = 2_000)
    void the_one_pass_encoder_writes_what_the_byte_by_byte_encoder_wrote(@ForAll("bodies") String text) {
        MimeWriter.Body body = MimeWriter.body(text);
        Reference expected = Reference.of(text);
        assertThat(body.encoding()).isEqualTo(expected.encoding);
        byte[] written = new MimeWriter(16).encoded(body).toByteArray();
        assertThat(new String(written, StandardCharsets.ISO_8859_1)).isEqualTo(new String(expected.encoded(), StandardCharsets.ISO_8859_1));
    }

    @Example
    void quoted_printable_keeps_lines_at_76_and_escapes_trailing_space_and_non_ascii() {
        String text = "Beste Zoë, \n" + "a".repeat(80) + "\r\nEinde\t";
        byte[] written = new MimeWriter(16).encoded(MimeWriter.body(text)).toByteArray();
        assertThat(new String(written, StandardCharsets.US_ASCII))
                .isEqualTo("Beste Zo=C3=AB,=20\r\n" + "a".repeat(75) + "=\r\n" + "a".repeat(5) + "\r\nEinde=09");
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(120),
                Arbitraries.of("\r\n", "\n", "\r", "\r\r\n", " \n", "\t\r\n", " ", "=", ".", "é", "ë", "€", "😀", "\uD83D", "\uDE00", "\u0001",
                        "\u007F", "ü".repeat(40)),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(900).ofMaxLength(1_100),
                Arbitraries.strings().all().ofMaxLength(30));
        return pieces.list().ofMaxSize(40).map(list -> String.join("", list));
    }

    /** The encoder as it was: canonical UTF-8 first, then the choice, then byte by byte. */
    private record Reference(byte[] canonical, MimeWriter.Encoding encoding) {

        static Reference of(String text) {
            byte[] utf8 = MimeWriter.canonicalCrlf(text.getBytes(StandardCharsets.UTF_8));
            int ascii = 0;
            int nonAscii = 0;
            int lineLength = 0;
            boolean longLine = false;
            for (byte b : utf8) {
                if (b == '\r' || b == '\n') {
                    lineLength = 0;
                    ascii++;
                    continue;
                }
                if (++lineLength > 998) {
                    longLine = true;
                }
                if (b < 0 || b == 0x7F || (b < 0x20 && b != '\t')) {
                    nonAscii++;
                } else {
                    ascii++;
                }
            }
            MimeWriter.Encoding encoding = nonAscii == 0 && !longLine ? MimeWriter.Encoding.SEVEN_BIT
                    : nonAscii > ascii ? MimeWriter.Encoding.BASE64 : MimeWriter.Encoding.QUOTED_PRINTABLE;
            return new Reference(utf8, encoding);
        }

        byte[] encoded() {
            return switch (encoding) {
                case SEVEN_BIT -> canonical;
                case BASE64 -> Base64.getMimeEncoder().encode(canonical);
                case QUOTED_PRINTABLE -> quotedPrintable(canonical);
            };
        }

        private static byte[] quotedPrintable(byte[] text) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int column = 0;
            for (int i = 0; i < text.length; i++) {
                byte b = text[i];
                if (b == '\r' && i + 1 < text.length && text[i + 1] == '\n') {
                    out.write('\r');
                    out.write('\n');
                    i++;
                    column = 0;
                    continue;
                }
                boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && i + 1 < text.length && text[i + 1] != '\r');
                int width = literal ? 1 : 3;
                if (column + width > 75) {
                    out.write('=');
                    out.write('\r');
                    out.write('\n');
                    column = 0;
                }
                if (literal) {
                    out.write(b);
                } else {
                    out.write('=');
                    out.write("0123456789ABCDEF".charAt((b >> 4) & 0xF));
                    out.write("0123456789ABCDEF".charAt(b & 0xF));
                }
                column += width;
            }
            return out.toByteArray();
        }
    }
}
