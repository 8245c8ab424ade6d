package nl.mailwijs.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import nl.mailwijs.decisionjson.TestJson;

/**
 * Every sample in the corpus gives exactly its expected report (the JSON `inbound parse` prints,
 * without "file"), and nothing in a report is made up: each address and token is in the sample.
 */
class InboundCorpusTests {

    private final InboundParser parser = new InboundParser();

    static List<Path> samples() {
        return InboundCorpus.samples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachSampleGivesItsExpectedReport(Path sample) throws Exception {
        InboundReport report = parser.parse(InboundCorpus.bytes(sample));

        Map<?, ?> actual = new LinkedHashMap<>((Map<?, ?>) TestJson.parse(InboundReportJson.write("x", report)));
        actual.remove("file");
        Object expected = TestJson.parse(Files.readString(InboundCorpus.expected(sample)));
        assertThat(actual).as(sample.getFileName().toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyAddressAndTokenInAReportOccursInTheSample(Path sample) {
        String input = new String(InboundCorpus.bytes(sample), StandardCharsets.ISO_8859_1);
        InboundReport report = parser.parse(InboundCorpus.bytes(sample));

        for (FailedRecipient recipient : report.recipients()) {
            assertThat(input).contains(recipient.address());
        }
        if (report.token() != null) {
            assertThat(input).contains(report.token());
        }
    }

    @Test
    void theCorpusCoversEveryKindAndIsLargeEnough() {
        Map<ReportKind, Integer> counts = new EnumMap<>(ReportKind.class);
        int autoReplies = 0;
        int withProblems = 0;
        for (Path sample : samples()) {
            assertThat(InboundCorpus.expected(sample)).as("expected JSON beside " + sample.getFileName()).exists();
            InboundReport report = parser.parse(InboundCorpus.bytes(sample));
            counts.merge(report.kind(), 1, Integer::sum);
            autoReplies += report.autoReply() ? 1 : 0;
            withProblems += report.problems().isEmpty() ? 0 : 1;
        }
        assertThat(samples()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(counts.keySet()).containsExactlyInAnyOrder(ReportKind.values());
        assertThat(autoReplies).isGreaterThanOrEqualTo(3);
        assertThat(withProblems).isGreaterThanOrEqualTo(10);
    }

    @Test
    void anAutoReplyIsNeverABounce() {
        for (Path sample : samples()) {
            InboundReport report = parser.parse(InboundCorpus.bytes(sample));
            if (report.autoReply()) {
                assertThat(report.kind()).as(sample.getFileName().toString()).isEqualTo(ReportKind.NOT_A_REPORT);
                assertThat(report.recipients()).isEmpty();
            }
        }
    }
}
