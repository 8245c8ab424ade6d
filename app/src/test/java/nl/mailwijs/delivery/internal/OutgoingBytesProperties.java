package nl.mailwijs.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** SMTP transparency (RFC 5321 4.5.2), line by line, against the byte-by-byte procedure. */
class OutgoingBytesProperties {

    @Property(tries = 1_000)
    void dot_stuffing_line_by_line_writes_what_byte_by_byte_stuffing_wrote(@ForAll("messages") String message) {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        OutgoingBytes outgoing = new OutgoingBytes();
        outgoing.ascii("DATA\r\n");
        outgoing.dotStuffed(bytes);
        String written = new String(outgoing.array(), 0, outgoing.length(), StandardCharsets.ISO_8859_1);
        assertThat(written).isEqualTo("DATA\r\n" + byteByByte(bytes));
    }

    @Example
    void a_line_that_starts_with_a_dot_gets_a_second_and_the_end_gets_a_line_break() {
        OutgoingBytes outgoing = new OutgoingBytes();
        outgoing.dotStuffed(".begin\r\nmidden.\n.\rslot".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(outgoing.array(), 0, outgoing.length(), StandardCharsets.US_ASCII))
                .isEqualTo("..begin\r\nmidden.\r\n..\r\nslot\r\n");
    }

    @Example
    void a_buffer_that_held_a_large_message_is_given_back_when_cleared() {
        OutgoingBytes outgoing = new OutgoingBytes();
        outgoing.dotStuffed("x".repeat(3 << 20).getBytes(StandardCharsets.US_ASCII));
        outgoing.clear();
        assertThat(outgoing.length()).isZero();
        assertThat(outgoing.array().length).isLessThan(1 << 20);
    }

    @Provide
    Arbitrary<String> messages() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200),
                Arbitraries.of("\r\n", "\n", "\r", "\r\r\n", ".", "..", "\r\n.", "\n.\n", "\u00e9"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2_000).ofMaxLength(12_000));
        return pieces.list().ofMaxSize(16).map(list -> String.join("", list));
    }

    /** The procedure as SmtpConnection wrote it before: one byte at a time. */
    private static String byteByByte(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b == '\r' || b == '\n') {
                out.write('\r');
                out.write('\n');
                if (b == '\r' && i + 1 < message.length && message[i + 1] == '\n') {
                    i++;
                }
                lineStart = true;
            } else {
                if (lineStart && b == '.') {
                    out.write('.');
                }
                out.write(b);
                lineStart = false;
            }
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
