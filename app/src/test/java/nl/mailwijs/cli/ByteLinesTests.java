package nl.mailwijs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ByteLinesTests {

    @Test
    void splitsOnNewlineAndCarriageReturnNewline() throws IOException {
        assertThat(lines("a\nbb\r\nccc\n")).containsExactly("a", "bb", "ccc");
    }

    @Test
    void keepsALastLineWithoutNewlineAndEmptyLinesBetween() throws IOException {
        assertThat(lines("a\n\nb")).containsExactly("a", "", "b");
        assertThat(lines("")).isEmpty();
        assertThat(lines("\n")).containsExactly("");
    }

    @Test
    void joinsALineThatSpansManyReads() throws IOException {
        String longLine = "é".repeat(100_000);
        InputStream trickle = new ByteArrayInputStream((longLine + "\nnext\n").getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 777));
            }
        };

        List<String> lines = new ArrayList<>();
        ByteLines reader = new ByteLines(trickle);
        for (byte[] line = reader.next(); line != null; line = reader.next()) {
            lines.add(new String(line, StandardCharsets.UTF_8));
        }
        assertThat(lines).containsExactly(longLine, "next");
    }

    @Test
    void blankMeansOnlySpacesAndTabs() {
        assertThat(ByteLines.isBlank(" \t\r".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(ByteLines.isBlank(" {} ".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void aLineOverTheLimitIsSkippedAndReportedWithoutStoppingTheRest() throws IOException {
        byte[] huge = new byte[ByteLines.MAX_LINE_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) 'x');
        byte[] input = new byte[huge.length + 8];
        System.arraycopy(huge, 0, input, 0, huge.length);
        System.arraycopy("\nnext\n".getBytes(StandardCharsets.UTF_8), 0, input, huge.length, 6);
        ByteLines reader = new ByteLines(new ByteArrayInputStream(input, 0, huge.length + 6));

        assertThat(reader.next()).isSameAs(ByteLines.TOO_LONG);
        assertThat(new String(reader.next(), StandardCharsets.UTF_8)).isEqualTo("next");
        assertThat(reader.next()).isNull();
    }

    private static List<String> lines(String text) throws IOException {
        ByteLines reader = new ByteLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        List<String> lines = new ArrayList<>();
        for (byte[] line = reader.next(); line != null; line = reader.next()) {
            lines.add(new String(line, StandardCharsets.UTF_8));
        }
        return lines;
    }
}
