package nl.mailwijs.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import nl.mailwijs.engine.request.Channel;

class HeaderTests {

    @Test
    @DisplayName("names match in any case, trimmed, with '-' and spaces read as '_'")
    void normalisedNames() {
        Header header = Header.of(new String[] {" Contact ID ", "Address-Collected-In-Sale", "DATE", "Order id"}, AuditFile.PURCHASES,
                AuditFile.PURCHASES.required(Channel.EMAIL), "purchases.csv");

        assertThat(header.position("contact_id")).isZero();
        assertThat(header.position("address_collected_in_sale")).isEqualTo(1);
        assertThat(header.position("date")).isEqualTo(2);
        assertThat(header.position("order_id")).isEqualTo(3);
        assertThat(header.position("proof")).isEqualTo(-1);
        assertThat(header.width()).isEqualTo(4);
        assertThat(header.absent(AuditFile.PURCHASES)).containsExactly("categories", "proof", "objection_offered");
    }

    @Test
    @DisplayName("E-mail and Telefoon are read as the address columns; other columns are listed as unused")
    void addressAliasesAndUnusedColumns() {
        Header header = Header.of(new String[] {"contact_id", "E-mail", "Telefoon", "Plaats", ""}, AuditFile.CONTACTS,
                AuditFile.CONTACTS.required(Channel.SMS), "contacts.csv");

        assertThat(header.position("email")).isEqualTo(1);
        assertThat(header.position("phone")).isEqualTo(2);
        assertThat(header.unused()).containsExactly("Plaats");
    }

    @Test
    @DisplayName("Klantnummer, Naam and Land, as a Dutch export names them, are read as contact_id, name and country")
    void dutchContactColumns() {
        Header header = Header.of(new String[] {"Klantnummer", "E-mailadres", "Naam", "Land"}, AuditFile.CONTACTS,
                AuditFile.CONTACTS.required(Channel.EMAIL), "contacts.csv");

        assertThat(header.position("contact_id")).isZero();
        assertThat(header.position("email")).isEqualTo(1);
        assertThat(header.position("name")).isEqualTo(2);
        assertThat(header.position("country")).isEqualTo(3);
    }

    @Test
    @DisplayName("Klantnummer, Ordernummer, Datum, Categorieën and Bewijs in a Dutch order export are read as the purchase columns")
    void dutchPurchaseColumns() {
        Header header = Header.of(new String[] {"Klantnummer", "Ordernummer", "Datum", "Categorieën", "Bewijs"}, AuditFile.PURCHASES,
                AuditFile.PURCHASES.requiredColumns(), "purchases.csv");

        assertThat(header.position("contact_id")).isZero();
        assertThat(header.position("order_id")).isEqualTo(1);
        assertThat(header.position("date")).isEqualTo(2);
        assertThat(header.position("categories")).isEqualTo(3);
        assertThat(header.position("proof")).isEqualTo(4);
    }

    @Test
    @DisplayName("Relatienummer names the contact in a consents export too")
    void contactNumberInEveryFile() {
        Header header = Header.of(new String[] {"Relatienummer", "given_at", "channels"}, AuditFile.CONSENTS,
                AuditFile.CONSENTS.requiredColumns(), "consents.csv");

        assertThat(header.position("contact_id")).isZero();
    }

    @Test
    @DisplayName("a missing required column names the file, the column and what the header has")
    void missingRequiredColumn() {
        assertThatThrownBy(() -> Header.of(new String[] {"contact_id", "phone"}, AuditFile.CONTACTS,
                AuditFile.CONTACTS.required(Channel.EMAIL), "export/contacts.csv"))
                .isInstanceOf(AuditInputException.class)
                .hasMessageContaining("export/contacts.csv: the required column email is missing")
                .hasMessageContaining("(it has: contact_id, phone)");
    }

    @Test
    @DisplayName("a column given twice is an error: which one to read would be a guess")
    void duplicateColumn() {
        assertThatThrownBy(() -> Header.of(new String[] {"contact_id", "email", "E-mail"}, AuditFile.CONTACTS,
                AuditFile.CONTACTS.required(Channel.EMAIL), "contacts.csv"))
                .isInstanceOf(AuditInputException.class)
                .hasMessageContaining("the column email appears twice");
    }
}
