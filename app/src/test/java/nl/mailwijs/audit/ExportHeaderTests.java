package nl.mailwijs.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The header apart from the rows: read as the import reads it, recognised, and replaced with the rows left as they were. */
class ExportHeaderTests {

    private static final String EXCEL = "\uFEFFKlantnummer;E-mailadres;\"Naam; volledig\";Telefoon;Land\r\nK-1;jan@example.nl;Jan;+31612345678;NL\r\n"
            + "K-2;\"a;b@example.nl\";\"Piet\r\nBakker\";;NL\r\n";

    @Test
    void aDutchExcelHeaderIsReadWithoutItsByteOrderMarkAndItsColumnsRecognised() throws Exception {
        ExportHeader header = ExportHeader.read(bytes(EXCEL), "contacts.csv");

        assertThat(header.names()).containsExactly("Klantnummer", "E-mailadres", "Naam; volledig", "Telefoon", "Land");
        assertThat(header.separator()).isEqualTo(';');
        assertThat(header.names().stream().map(AuditFile.CONTACTS::recognise).toList())
                .containsExactly("contact_id", "email", null, "phone", "country");
        assertThat(AuditFile.CONTACTS.recognise("Naam")).isEqualTo("name");
        assertThat(AuditFile.PURCHASES.recognise("E-mailadres")).as("aliases are the contacts file's").isNull();
    }

    @Test
    void theRenamedFileReadsWithTheNewNamesAndTheSameRowsAndLines() throws Exception {
        ExportHeader header = ExportHeader.read(bytes(EXCEL), "contacts.csv");

        InputStream renamed = header.renamed(List.of("contact_id", "email", "name", "", "country"), bytes(EXCEL));
        Export export = Export.open(AuditFile.CONTACTS, "contacts.csv", -1, renamed, AuditFile.CONTACTS.requiredColumns());

        assertThat(export.header().position("contact_id")).isZero();
        assertThat(export.header().position("name")).isEqualTo(2);
        assertThat(export.header().position("phone")).as("left out").isEqualTo(-1);
        List<String> rows = new ArrayList<>();
        for (CsvReader.Row row = export.next(); row != null; row = export.next()) {
            rows.add(row.line() + ":" + String.join("|", row.fields()));
        }
        assertThat(rows).containsExactly("2:K-1|jan@example.nl|Jan|+31612345678|NL", "3:K-2|a;b@example.nl|Piet\r\nBakker||NL");
    }

    @Test
    void anEmptyOrUtf16FileIsRefusedByName() {
        assertThatThrownBy(() -> ExportHeader.read(bytes(""), "leeg.csv")).isInstanceOf(AuditInputException.class).hasMessageContaining("leeg.csv");
        assertThatThrownBy(() -> ExportHeader.read(new ByteArrayInputStream(new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0}), "excel.csv"))
                .isInstanceOf(AuditInputException.class).hasMessageContaining("UTF-16");
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
