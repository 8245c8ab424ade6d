package nl.mailwijs.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The CSV as Excel and web shops write it: RFC 4180 and the liberties they take beyond it. */
class CsvReaderTests {

    @Test
    @DisplayName("a byte order mark before the header is not part of the first column name")
    void skipsByteOrderMark() throws IOException {
        List<CsvReader.Row> rows = read("\uFEFFcontact_id;email\r\nK1;a@example.nl\r\n");

        assertThat(rows.getFirst().fields()).containsExactly("contact_id", "email");
        assertThat(rows.get(1).fields()).containsExactly("K1", "a@example.nl");
    }

    @Test
    @DisplayName("the separator is ';' when the header has more of them than commas (Dutch Excel)")
    void detectsSemicolon() throws IOException {
        CsvReader reader = new CsvReader(new StringReader("contact_id;name;email\nK1;Jansen, Jan;a@example.nl\n"));

        assertThat(reader.separator()).isEqualTo(';');
        reader.next();
        assertThat(reader.next().fields()).containsExactly("K1", "Jansen, Jan", "a@example.nl");
    }

    @Test
    @DisplayName("the separator is ',' when the header has more commas; separators inside quotes do not count")
    void detectsComma() throws IOException {
        CsvReader reader = new CsvReader(new StringReader("contact_id,\"name;full\",email\nK1,\"Jansen; Jan\",a@example.nl\n"));

        assertThat(reader.separator()).isEqualTo(',');
        assertThat(reader.next().fields()).containsExactly("contact_id", "name;full", "email");
        assertThat(reader.next().fields()).containsExactly("K1", "Jansen; Jan", "a@example.nl");
    }

    @Test
    @DisplayName("a tab separated export reads too")
    void detectsTab() throws IOException {
        CsvReader reader = new CsvReader(new StringReader("contact_id\temail\nK1\ta@example.nl\n"));

        assertThat(reader.separator()).isEqualTo('\t');
        reader.next();
        assertThat(reader.next().fields()).containsExactly("K1", "a@example.nl");
    }

    @Test
    @DisplayName("quoted fields hold separators, doubled quotes and line breaks, and the line count follows the file")
    void quotedFields() throws IOException {
        List<CsvReader.Row> rows = read("""
                id;text;after
                1;"Jeroen van ""t"" Hek; Utrecht";x
                2;"first line
                second line";y
                3;"";z
                """);

        assertThat(rows.get(1).fields()).containsExactly("1", "Jeroen van \"t\" Hek; Utrecht", "x");
        assertThat(rows.get(2).fields()).containsExactly("2", "first line\nsecond line", "y");
        assertThat(rows.get(2).line()).isEqualTo(3);
        assertThat(rows.get(3).fields()).containsExactly("3", "", "z");
        assertThat(rows.get(3).line()).isEqualTo(5);
        assertThat(rows).noneMatch(CsvReader.Row::malformed);
    }

    @Test
    @DisplayName("CRLF, LF and a lone CR (old Excel for Mac) all end a record; a CRLF inside quotes counts as one line")
    void lineEnds() throws IOException {
        List<CsvReader.Row> rows = read("a;b\r\n1;\"x\r\ny\"\r\n2;z\r3;w\n4;v");

        assertThat(rows).extracting(row -> row.fields()[0]).containsExactly("a", "1", "2", "3", "4");
        assertThat(rows).extracting(CsvReader.Row::line).containsExactly(1, 2, 4, 5, 6);
        assertThat(rows.get(1).fields()[1]).isEqualTo("x\r\ny");
        assertThat(rows.get(4).fields()).containsExactly("4", "v");
    }

    @Test
    @DisplayName("empty lines and the ';;;' rows Excel leaves below a table are skipped")
    void skipsBlankRecords() throws IOException {
        List<CsvReader.Row> rows = read("a;b;c\n\n1;2;3\n;;\n  ; ;\n4;5;6\n\n");

        assertThat(rows).extracting(row -> row.fields()[0]).containsExactly("a", "1", "4");
        assertThat(rows.get(2).line()).isEqualTo(6);
    }

    @Test
    @DisplayName("empty fields, also the last one of a line, are kept as empty strings")
    void emptyFields() throws IOException {
        List<CsvReader.Row> rows = read("a;b;c\n1;;\n");

        assertThat(rows.get(1).fields()).containsExactly("1", "", "");
    }

    @Test
    @DisplayName("a quote that is never closed makes a malformed row, not an endless field without notice")
    void unclosedQuote() throws IOException {
        List<CsvReader.Row> rows = read("a;b\n1;\"open\n2;x\n");

        assertThat(rows.get(1).malformed()).isTrue();
        assertThat(rows.get(1).problem()).contains("not closed");
        assertThat(rows.get(1).line()).isEqualTo(2);
    }

    @Test
    @DisplayName("text after a closing quote makes the row malformed, keeping the text")
    void textAfterClosingQuote() throws IOException {
        List<CsvReader.Row> rows = read("a;b\n\"12\" inch;x\n3;y\n");

        assertThat(rows.get(1).problem()).contains("closing quote");
        assertThat(rows.get(1).fields()).containsExactly("12 inch", "x");
        assertThat(rows.get(2).malformed()).isFalse();
    }

    @Test
    @DisplayName("a quote inside an unquoted field is kept as written (5\" prints)")
    void quoteInsideUnquotedField() throws IOException {
        List<CsvReader.Row> rows = read("a;b\n5\" prints;x\n");

        assertThat(rows.get(1).fields()).containsExactly("5\" prints", "x");
        assertThat(rows.get(1).malformed()).isFalse();
    }

    @Test
    @DisplayName("fields and quoted values longer than the read buffer are read whole, across refills")
    void longFieldsAcrossBufferRefills() throws IOException {
        String plain = "p".repeat(200_000);
        String quoted = "q\"".repeat(100_000);
        String csv = "a;b;c\n" + plain + ";\"" + quoted.replace("\"", "\"\"") + "\";end\n";

        List<CsvReader.Row> rows = read(new TrickleReader(csv));

        assertThat(rows.get(1).fields()).containsExactly(plain, quoted, "end");
    }

    @Test
    @DisplayName("a header longer than the buffer is still seen whole when the separator is chosen")
    void longHeader() throws IOException {
        String header = "x".repeat(100_000) + ",a;b;c";
        CsvReader reader = new CsvReader(new StringReader(header + "\n1;2;3\n"));

        assertThat(reader.separator()).isEqualTo(';');
    }

    @Test
    @DisplayName("an empty input has no rows")
    void emptyInput() throws IOException {
        assertThat(read("")).isEmpty();
        assertThat(read("\uFEFF")).isEmpty();
    }

    private static List<CsvReader.Row> read(String csv) throws IOException {
        return read(new StringReader(csv));
    }

    private static List<CsvReader.Row> read(Reader in) throws IOException {
        List<CsvReader.Row> rows = new ArrayList<>();
        try (CsvReader reader = new CsvReader(in)) {
            for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** Hands out at most 7 characters per read, so every boundary case of the buffer is met. */
    private static final class TrickleReader extends Reader {

        private final String text;
        private int position;

        TrickleReader(String text) {
            this.text = text;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (position >= text.length()) {
                return -1;
            }
            int n = Math.min(Math.min(length, 7), text.length() - position);
            text.getChars(position, position + n, buffer, offset);
            position += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
