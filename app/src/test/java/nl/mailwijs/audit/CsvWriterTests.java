package nl.mailwijs.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CsvWriterTests {

    @Test
    @DisplayName("plain values are written as they are, ';' separated, CRLF at the end")
    void plainValues() {
        StringBuilder out = new StringBuilder();

        CsvWriter.appendRow(out, "K1", "jan+nieuws@example.nl", "", null, "Aäron");

        assertThat(out).hasToString("K1;jan+nieuws@example.nl;;;Aäron\r\n");
    }

    @Test
    @DisplayName("a value with the separator, a quote, a line break or edge spaces is quoted, quotes doubled")
    void quotesWhenNeeded() {
        StringBuilder out = new StringBuilder();

        CsvWriter.appendRow(out, "a;b", "van \"t\" Hek", "two\nlines", " padded", "x");

        assertThat(out).hasToString("\"a;b\";\"van \"\"t\"\" Hek\";\"two\nlines\";\" padded\";x\r\n");
    }

    @Test
    @DisplayName("what is written reads back the same")
    void roundTrip() throws IOException {
        String[] values = {"\"", "\"\"", ";", "a\r\nb", "Müller-Öztürk", "ends with quote\"", "plain"};
        StringBuilder out = new StringBuilder();
        CsvWriter.appendRow(out, "h1", "h2", "h3", "h4", "h5", "h6", "h7");
        CsvWriter.appendRow(out, values);

        try (CsvReader reader = new CsvReader(new StringReader(out.toString()))) {
            reader.next();
            assertThat(reader.next().fields()).containsExactly(values);
        }
    }
}
