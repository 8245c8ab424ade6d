package nl.mailwijs.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever arrives: the parser returns a report and never throws, and every address and token it
 * reports is in the bytes it was given. Mutated samples are taken only from those without base64
 * or quoted-printable parts: there a mutated byte decodes to text that is in no byte of the input,
 * so "occurs in the input" would not be the right test.
 */
class InboundParserProperties {

    private static final List<String> PIECES = List.of(
            "From: MAILER-DAEMON@mx.example.com\n", "To: bounce+abc_DEF-1@mail.example.nl\n", "Subject: Undeliverable\n",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n",
            "Content-Type: multipart/report; report-type=feedback-report; boundary=b\n", "Content-Type: message/rfc822\n",
            "Content-Type: message/delivery-status\n", "Content-Type: text/rfc822-headers\n", "Content-Type: text/plain; charset=\"x\"\n",
            "Content-Transfer-Encoding: base64\n", "Content-Transfer-Encoding: quoted-printable\n", "--b\n", "--b--\n", "\n", "\r\n",
            "Final-Recipient: rfc822; a@example.com\n", "Original-Recipient: rfc822;<b@example.org>\n", "Action: failed\n",
            "Action: delayed\n", "Status: 5.1.1\n", "Status: 4.2.2\n", "Diagnostic-Code: smtp; 550 5.1.1 unknown\n",
            "Feedback-Type: abuse\n", "Original-Rcpt-To: c@example.net\n", "<d@example.com>: 550 user unknown\n", "  e@example.com\n",
            "    SMTP error 452 4.2.2 mailbox full\n", "This is the qmail-send program\n", "Delivery has failed to these recipients or groups:\n",
            "Your message wasn't delivered to f@example.com because\n", "Return-Path: <bounce+ret@mail.example.nl>\n",
            "List-Unsubscribe: <https://x.example.nl/u/ypeBEsobvcr6wjGzmiPcTaeG7_gUfE5yuYB3ha_uSLs>\n", " folded\n", "=\n", "=4",
            "\u0000", "\u00ff\u00fe", "@", "<", ">", ":", ";", "\"", "a@", "@b.", "x".repeat(1200));

    private final InboundParser parser = new InboundParser();

    @Property(tries = 500)
    void arbitraryBytesNeverThrow(@ForAll @Size(max = 3000) byte[] bytes) {
        check(bytes);
    }

    @Provide
    Arbitrary<String> messageLike() {
        return Arbitraries.of(PIECES).list().ofMaxSize(60).map(pieces -> String.join("", pieces));
    }

    @Property(tries = 1000)
    void messagesBuiltFromReportPiecesNeverThrowAndInventNothing(@ForAll("messageLike") String message) {
        check(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Provide
    Arbitrary<Path> plainSamples() {
        return Arbitraries.of(InboundCorpus.samples().stream().filter(sample -> {
            String text = new String(InboundCorpus.bytes(sample), StandardCharsets.ISO_8859_1).toLowerCase();
            return !text.contains("content-transfer-encoding: base64") && !text.contains("content-transfer-encoding: quoted-printable");
        }).toList());
    }

    @Property(tries = 1000)
    void mutatedSamplesNeverThrowAndInventNothing(@ForAll("plainSamples") Path sample, @ForAll long seed) {
        check(mutate(InboundCorpus.bytes(sample), new Random(seed)));
    }

    private void check(byte[] bytes) {
        InboundReport report = parser.parse(bytes);

        assertThat(report).isNotNull();
        String input = new String(bytes, StandardCharsets.ISO_8859_1);
        for (FailedRecipient recipient : report.recipients()) {
            assertThat(input).contains(recipient.address());
        }
        if (report.token() != null) {
            assertThat(input).contains(report.token());
        }
        assertThat(InboundReportJson.write("f", report)).startsWith("{\"file\":\"f\"");
    }

    /** A few of the damages real mail suffers: truncation, lost and repeated ranges, stray bytes, broken lines. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original;
        int rounds = 1 + random.nextInt(4);
        for (int round = 0; round < rounds && bytes.length > 1; round++) {
            int at = random.nextInt(bytes.length);
            int length = 1 + random.nextInt(Math.min(200, bytes.length - at));
            bytes = switch (random.nextInt(6)) {
                case 0 -> Arrays.copyOf(bytes, at);
                case 1 -> concat(Arrays.copyOf(bytes, at), Arrays.copyOfRange(bytes, at + length, bytes.length));
                case 2 -> concat(Arrays.copyOf(bytes, at + length), Arrays.copyOfRange(bytes, at, bytes.length));
                case 3 -> {
                    byte[] copy = bytes.clone();
                    copy[at] = (byte) random.nextInt(256);
                    yield copy;
                }
                case 4 -> concat(Arrays.copyOf(bytes, at), concat("\n--".getBytes(StandardCharsets.ISO_8859_1),
                        Arrays.copyOfRange(bytes, at, bytes.length)));
                default -> {
                    byte[] copy = bytes.clone();
                    for (int i = at; i < at + length; i++) {
                        if (copy[i] == '\n') {
                            copy[i] = ' ';
                        }
                    }
                    yield copy;
                }
            };
        }
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
