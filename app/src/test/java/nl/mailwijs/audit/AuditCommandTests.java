package nl.mailwijs.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.mailwijs.cli.ExitCode;
import nl.mailwijs.cli.UsageException;
import nl.mailwijs.engine.DecisionEngine;

/** The audit run as a person runs it: files in, a report, a rejected-rows list, a summary and an exit code out. */
class AuditCommandTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final String LEGAL_NAME = "Fotostudio Jansen B.V.";
    private static final String POLICY = """
            {"similarTopics": {"portrait-photography": ["photo-prints", "photo-albums"]}, "softOptInMonths": 24}
            """;
    private static final String WORDING = "Ja, stuur mij de nieuwsbrief van Fotostudio Jansen over fotoafdrukken.";

    @TempDir
    Path dir;
    private Path report;

    @BeforeEach
    void reportPath() {
        report = dir.resolve("report.csv");
    }

    @Nested
    @DisplayName("a messy Excel export (BOM, ';', CRLF, Dutch dates, diacritics)")
    class MessyExport {

        private Run run;

        @BeforeEach
        void auditTheExport() throws IOException {
            file("contacts.csv", "\uFEFFContact ID;Name;E-mail;Kind;Country;Plaats\r\n"
                    + "K-001;\"Müller-Öztürk, Ayşe\";ayse+fotos@Example.NL;persoon;nl;Utrecht\r\n"
                    + "K-002;\"Jeroen van 't Hek\";jeroen@example.nl;;;\"Den Haag\"\r\n"
                    + "K-003;Aäron;;;;Zwolle\r\n"
                    + "K-004;\"Bakker; Piet\";piet@example.nl;;;\r\n"
                    + ";;;;;\r\n");
            file("purchases.csv", "\uFEFFcontact_id;order_id;date;categories;proof;address_collected_in_sale;objection_offered\r\n"
                    + "K-001;o-77;12-01-2026;portrait-photography;invoice;ja;ja\r\n"
                    + "K-002;o-78;31-02-2026;portrait-photography;invoice;ja;ja\r\n"
                    + "K-999;o-79;2026-01-12;portrait-photography;order;ja;ja\r\n"
                    + "K-004;o-80;2025-03-01;portrait-photography;order;ja;nee\r\n");
            file("policy.json", POLICY);
            run = audit("--contacts", path("contacts.csv"), "--purchases", path("purchases.csv"), "--policy", path("policy.json"),
                    "--topics", "photo-prints");
        }

        @Test
        @DisplayName("every readable contact has a report row with its verdict, basis or denial, rules and evidence")
        void oneRowPerContact() throws IOException {
            Map<String, Map<String, String>> rows = reportRows();

            assertThat(rows.keySet()).containsExactly("K-001", "K-002", "K-003", "K-004");
            assertThat(rows.get("K-001"))
                    .containsEntry("name", "Müller-Öztürk, Ayşe")
                    .containsEntry("address", "ayse+fotos@example.nl")
                    .containsEntry("verdict", "ALLOW")
                    .containsEntry("basis", "SOFT_OPT_IN")
                    .containsEntry("denial", "")
                    .containsEntry("deciding_rules", "NL-TW-11.7-3")
                    .containsEntry("evidence_ids", "o-77")
                    .containsEntry("basis_valid_until", "2028-01-12T00:00:00Z");
            assertThat(rows.get("K-001").get("reason")).contains("o-77", "photo-prints");
            assertThat(rows.get("K-002"))
                    .as("its only purchase had an impossible date and was left out")
                    .containsEntry("verdict", "DENY")
                    .containsEntry("denial", "NO_CONSENT");
            assertThat(rows.get("K-003")).containsEntry("verdict", "NO_ADDRESS").containsEntry("address", "").containsEntry("name", "Aäron");
            assertThat(rows.get("K-003").get("reason")).contains("e-mailadres");
            assertThat(rows.get("K-004")).containsEntry("denial", "SOFT_OPT_IN_NO_OBJECTION_CHANCE")
                    .containsEntry("deciding_rules", "NL-TW-11.7-1|NL-TW-11.7-3");
        }

        @Test
        @DisplayName("the rows that cannot be read are listed with file, line, column and reason, and the exit code is 3")
        void rejections() throws IOException {
            assertThat(run.exit()).isEqualTo(ExitCode.ROWS_REJECTED);
            assertThat(run.err())
                    .contains("2 rows could not be read")
                    .contains("purchases.csv:3: date: '31-02-2026' is not a valid date")
                    .contains("purchases.csv:4: contact_id: 'K-999' is not in " + path("contacts.csv"));
            List<String[]> rejected = csv(dir.resolve("report.csv.rejected.csv"));
            assertThat(rejected.getFirst()).containsExactly("file", "line", "column", "reason");
            assertThat(rejected.subList(1, rejected.size()))
                    .extracting(row -> row[0] + ":" + row[1] + ":" + row[2])
                    .containsExactly(path("purchases.csv") + ":3:date", path("purchases.csv") + ":4:contact_id");
        }

        @Test
        @DisplayName("the report is UTF-8 with a byte order mark, ';' separated, with the documented columns")
        void reportFormat() throws IOException {
            byte[] bytes = Files.readAllBytes(report);
            assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
            assertThat(new String(bytes, UTF_8)).startsWith(
                    "\uFEFFcontact_id;name;address;verdict;basis;denial;deciding_rules;evidence_ids;basis_valid_until;reason\r\n");
        }

        @Test
        @DisplayName("the summary counts contacts per verdict, basis and denial, and rejected rows per file")
        void summary() {
            assertThat(run.out())
                    .containsPattern("Contacten beoordeeld +4\n")
                    .containsPattern("mag wel \\(ALLOW\\) +1\n")
                    .containsPattern("mag niet \\(DENY\\) +2\n")
                    .containsPattern("geen adres \\(NO_ADDRESS\\) +1\n")
                    .containsPattern("Bestaande klant \\(soft opt-in\\) \\(SOFT_OPT_IN\\) +1\n")
                    .containsPattern("Geen toestemming \\(NO_CONSENT\\) +1\n")
                    .containsPattern("Afgekeurde rijen \\(niet beoordeeld\\) +2\n")
                    .containsPattern("purchases.csv +2\n")
                    .contains("Rapport: " + report);
        }

        @Test
        @DisplayName("columns the audit does not read are named once on standard error")
        void notesIgnoredColumns() {
            assertThat(run.err()).containsOnlyOnce("ignoring columns the audit does not use: Plaats");
        }
    }

    @Test
    @DisplayName("a missing required column stops the audit with exit code 2, naming file and column, and writes nothing")
    void missingRequiredColumn() throws IOException {
        file("contacts.csv", "contact_id;name\nK1;Jan\n");

        Run run = audit("--contacts", path("contacts.csv"));

        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains(path("contacts.csv"), "required column email is missing", "nothing was audited");
        assertThat(report).doesNotExist();
        assertThat(dir.resolve("report.csv.rejected.csv")).doesNotExist();
    }

    @Test
    @DisplayName("a missing column in an evidence file also stops the audit before a report is written")
    void missingColumnInEvidence() throws IOException {
        file("contacts.csv", "contact_id;email\nK1;jan@example.nl\n");
        file("purchases.csv", "contact_id;order_id\nK1;o-1\n");

        Run run = audit("--contacts", path("contacts.csv"), "--purchases", path("purchases.csv"));

        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains(path("purchases.csv"), "required column date");
        assertThat(report).doesNotExist();
    }

    @Nested
    @DisplayName("the scenarios of the rule catalogue, through CSV")
    class Scenarios {

        @Test
        @DisplayName("consents, soft opt-in, quotes, objections, offer addresses and businesses outside the EEA")
        void commercialEmail() throws IOException {
            file("contacts.csv", """
                    contact_id,email,kind,country
                    p01,p01@example.nl,,
                    p02,p02@example.nl,,
                    p03,p03@example.nl,,
                    p04,p04@example.nl,,
                    p05,p05@example.nl,,
                    p06,p06@example.nl,,
                    p07,p07@example.nl,,
                    p08,p08@example.nl,,
                    p09,p09@example.nl,,
                    p10,p10@example.nl,,
                    p11,p11@example.nl,,
                    p14,aanbieding@bakkerij-devries.nl,LEGAL_ENTITY,NL
                    p14b,aanbieding@bakkerij-devries.nl,NATURAL_PERSON,NL
                    p15,sales@acme.example,business,US
                    p15b,joe@acme.example,person,US
                    """);
            file("consents.csv", "contact_id,consent_id,given_at,channels,topics,method,obtained_by,wording,confirmed_at,withdrawn_at\n"
                    + "p01,c-1,2024-03-01T10:00:00Z,EMAIL,photo-prints,UNTICKED_CHECKBOX,SENDER,\"" + WORDING + "\",,\n"
                    + "p02,c-2,2024-03-01T10:00:00Z,EMAIL,photo-prints,PRETICKED_CHECKBOX,SENDER,\"" + WORDING + "\",,\n"
                    + "p03,c-3,2024-03-01T10:00:00Z,EMAIL,photo-prints,TERMS_AND_CONDITIONS,SENDER,"
                    + "\"U geeft toestemming voor e-mails van dit bedrijf en geselecteerde partners.\",,\n"
                    + "p04,c-4,2024-03-01T10:00:00Z,EMAIL,photo-prints,UNTICKED_CHECKBOX,THIRD_PARTY,\"" + WORDING + "\",,\n"
                    + "p05,c-5,2024-03-01T10:00:00Z,EMAIL,photo-prints,UNTICKED_CHECKBOX,SENDER,\"" + WORDING + "\",,2025-06-01T09:00:00Z\n"
                    + "p11,c-11,2024-03-01T10:00:00Z,EMAIL,photo-prints,UNTICKED_CHECKBOX,SENDER,\"" + WORDING + "\",,\n");
            file("purchases.csv", """
                    contact_id,order_id,date,categories,proof,address_collected_in_sale,objection_offered
                    p06,o-77,2026-01-12,portrait-photography,INVOICE,true,true
                    p07,o-78,2026-01-12,passport-photos,INVOICE,true,true
                    p08,o-79,2023-07-01,portrait-photography,INVOICE,true,true
                    p09,o-80,2026-01-12,portrait-photography,INVOICE,true,false
                    """);
            file("interactions.csv", "contact_id,type,date\np10,QUOTE,2026-05-01\n");
            file("objections.csv", "contact_id,objection_id,at,channels,topics,via\np11,b-1,2026-03-01T09:00:00Z,EMAIL,,UNSUBSCRIBE_LINK\n");
            file("policy.json", POLICY);

            Run run = audit("--dir", dir.toString(), "--policy", path("policy.json"), "--topics", "photo-prints");

            assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
            Map<String, Map<String, String>> rows = reportRows();
            assertThat(outcome(rows, "p01")).isEqualTo("ALLOW CONSENT c-1");
            assertThat(outcome(rows, "p02")).isEqualTo("DENY CONSENT_INVALID");
            assertThat(outcome(rows, "p03")).isEqualTo("DENY CONSENT_INVALID");
            assertThat(outcome(rows, "p04")).isEqualTo("DENY CONSENT_INVALID");
            assertThat(outcome(rows, "p05")).isEqualTo("DENY CONSENT_WITHDRAWN");
            assertThat(outcome(rows, "p06")).isEqualTo("ALLOW SOFT_OPT_IN o-77");
            assertThat(outcome(rows, "p07")).isEqualTo("DENY SOFT_OPT_IN_NOT_SIMILAR");
            assertThat(rows.get("p07").get("reason"))
                    .as("the sentence of every deciding rule, so the soft opt-in's own failure is explained too")
                    .startsWith("Geen toestemming").contains("passport-photos");
            assertThat(outcome(rows, "p08")).isEqualTo("DENY SOFT_OPT_IN_EXPIRED");
            assertThat(outcome(rows, "p09")).isEqualTo("DENY SOFT_OPT_IN_NO_OBJECTION_CHANCE");
            assertThat(outcome(rows, "p10")).isEqualTo("DENY NO_CONSENT");
            assertThat(rows.get("p10").get("deciding_rules")).isEqualTo("NL-TW-11.7-1|NL-TW-11.7-3");
            assertThat(rows.get("p10").get("reason")).contains("offerte");
            assertThat(outcome(rows, "p11")).isEqualTo("DENY OBJECTED");
            assertThat(rows.get("p11").get("deciding_rules")).isEqualTo("NL-AVG-21");
            assertThat(outcome(rows, "p14")).isEqualTo("ALLOW OFFER_ADDRESS");
            assertThat(outcome(rows, "p14b")).as("never for consumers").isEqualTo("DENY NO_CONSENT");
            assertThat(outcome(rows, "p15")).isEqualTo("ALLOW OUTSIDE_EEA_BUSINESS");
            assertThat(outcome(rows, "p15b")).as("a consumer outside the EEA gets no exemption").isEqualTo("DENY NO_CONSENT");
        }

        @Test
        @DisplayName("a service message without promotion needs no consent, even after an objection")
        void serviceMessage() throws IOException {
            serviceFiles();

            Run run = audit("--dir", dir.toString(), "--purpose", "service");

            assertThat(run.exit()).isEqualTo(ExitCode.OK);
            assertThat(reportRows().values()).extracting(row -> row.get("basis")).containsOnly("NOT_REGULATED");
        }

        @Test
        @DisplayName("a service message with promotion is commercial: the objection stops it, a mere interaction is no consent")
        void serviceMessageWithPromotion() throws IOException {
            serviceFiles();

            audit("--dir", dir.toString(), "--purpose", "SERVICE", "--contains-promotion", "--topics", "photo-prints");

            Map<String, Map<String, String>> rows = reportRows();
            assertThat(outcome(rows, "K1")).isEqualTo("DENY NO_CONSENT");
            assertThat(outcome(rows, "K2")).isEqualTo("DENY OBJECTED");
        }

        private void serviceFiles() throws IOException {
            file("contacts.csv", "contact_id;email\nK1;jan@example.nl\nK2;piet@example.nl\n");
            file("interactions.csv", "contact_id;type;date\nK1;OTHER;2022-01-01\n");
            file("objections.csv", "contact_id;at;channels;via\nK2;2026-01-01;ALL;COMPLAINT\n");
        }

        @Test
        @DisplayName("a personal proposal holds for a file of one business, not for a list")
        void personalProposal() throws IOException {
            file("contacts.csv", "contact_id;email;kind\nK1;pieter@installatiebedrijf.nl;LEGAL_ENTITY\n");
            audit("--contacts", path("contacts.csv"), "--purpose", "PERSONAL_PROPOSAL", "--topics", "photo-prints");
            assertThat(outcome(reportRows(), "K1")).isEqualTo("ALLOW PERSONAL_PROPOSAL");

            file("contacts.csv", "contact_id;email;kind\nK1;pieter@installatiebedrijf.nl;LEGAL_ENTITY\nK2;anna@example.nl;LEGAL_ENTITY\n");
            audit("--contacts", path("contacts.csv"), "--purpose", "PERSONAL_PROPOSAL", "--topics", "photo-prints");
            assertThat(outcome(reportRows(), "K1")).isEqualTo("DENY NO_CONSENT");

            audit("--contacts", path("contacts.csv"), "--purpose", "PERSONAL_PROPOSAL", "--recipient-count", "1");
            assertThat(outcome(reportRows(), "K2")).isEqualTo("ALLOW PERSONAL_PROPOSAL");
        }

        @Test
        @DisplayName("an SMS audit uses the phone column and needs consent for SMS; e-mail consent does not count")
        void sms() throws IOException {
            file("contacts.csv", "contact_id;email;phone\nK1;jan@example.nl;+31 6 1234 5678\nK2;piet@example.nl;+31687654321\nK3;a@example.nl;\n");
            file("consents.csv", "contact_id;consent_id;given_at;channels;topics;method;obtained_by;wording\n"
                    + "K1;c-1;2024-03-01T10:00:00Z;EMAIL;photo-prints;UNTICKED_CHECKBOX;SENDER;" + WORDING + "\n"
                    + "K2;c-2;2024-03-01T10:00:00Z;EMAIL|SMS;;DOUBLE_OPT_IN;SENDER;" + WORDING + "\n");

            Run run = audit("--dir", dir.toString(), "--channel", "sms", "--topics", "photo-prints");

            Map<String, Map<String, String>> rows = reportRows();
            assertThat(rows.get("K1")).containsEntry("address", "+31612345678");
            assertThat(outcome(rows, "K1")).isEqualTo("DENY NO_CONSENT");
            assertThat(outcome(rows, "K2")).as("a double opt-in never confirmed").isEqualTo("DENY CONSENT_INVALID");
            assertThat(rows.get("K3")).containsEntry("verdict", "NO_ADDRESS");
            assertThat(rows.get("K3").get("reason")).contains("telefoonnummer", "phone");
            assertThat(run.err()).as("the e-mail column is not needed for SMS").doesNotContainPattern("contacts.csv has no column.*email");
        }
    }

    @Nested
    @DisplayName("rows that cannot be read")
    class RejectedRows {

        @Test
        @DisplayName("a duplicate id, a bad address, kind or country, an empty id and a wrong number of fields are each rejected")
        void contactRows() throws IOException {
            file("contacts.csv", """
                    contact_id;email;kind;country
                    K1;jan@example.nl;;
                    K1;jan2@example.nl;;
                    K2;jan@@example.nl;;
                    K3;k3@example.nl;vereniging;
                    K4;k4@example.nl;;UK
                    ;k5@example.nl;;
                    K6;k6@example.nl;;NL;extra
                    K7;k7@example.nl;;be
                    """);
            file("objections.csv", "contact_id;at\nK2;2026-01-01\n");

            Run run = audit("--dir", dir.toString());

            assertThat(run.exit()).isEqualTo(ExitCode.ROWS_REJECTED);
            assertThat(reportRows().keySet()).containsExactly("K1", "K7");
            List<String[]> rejected = csv(dir.resolve("report.csv.rejected.csv"));
            assertThat(rejected.subList(1, rejected.size()))
                    .extracting(row -> row[1] + " " + row[2])
                    .containsExactly("3 contact_id", "4 email", "5 kind", "6 country", "7 contact_id", "8 ");
            assertThat(run.err())
                    .contains("contacts.csv:3: contact_id: 'K1' appears again; it is first on line 2")
                    .contains("contacts.csv:6: country: 'UK' is not an ISO 3166-1 alpha-2 country code; use GB")
                    .contains("contacts.csv:8: has 5 fields where the header has 4")
                    .as("the objection of a contact whose row was rejected is not reported again as unknown")
                    .doesNotContain("objections.csv:");
        }

        @Test
        @DisplayName("a consent without channels and an objection with an unknown channel are rejected, naming the column")
        void evidenceRows() throws IOException {
            file("contacts.csv", "contact_id;email\nK1;jan@example.nl\n");
            file("consents.csv", "contact_id;given_at;channels\nK1;2024-03-01;\nK1;2024-03-01;EMAIL|FAX\n");
            file("objections.csv", "contact_id;at;channels\nK1;2026-01-01;POST\n;2026-01-01;\n");

            Run run = audit("--dir", dir.toString());

            assertThat(run.err())
                    .contains("consents.csv:2: channels: is empty")
                    .contains("consents.csv:3: channels: 'FAX' is not one of EMAIL, SMS, WHATSAPP")
                    .contains("objections.csv:2: channels: 'POST' is not ALL or one of EMAIL, SMS, WHATSAPP")
                    .contains("objections.csv:3: contact_id: is empty");
            assertThat(outcome(reportRows(), "K1")).isEqualTo("DENY NO_CONSENT");
        }

        @Test
        @DisplayName("a row that is not valid UTF-8 (a Windows-1252 export) is rejected with what to do; the rest is audited")
        void notUtf8() throws IOException {
            byte[] header = "contact_id;email;name\nK1;jan@example.nl;Jan\nK2;ayse@example.nl;".getBytes(UTF_8);
            byte[] windows1252 = "M\u00fcller\n".getBytes(java.nio.charset.Charset.forName("windows-1252"));
            Files.write(dir.resolve("contacts.csv"), concat(header, windows1252));

            Run run = audit("--dir", dir.toString());

            assertThat(run.exit()).isEqualTo(ExitCode.ROWS_REJECTED);
            assertThat(run.err()).contains("contacts.csv:3: is not valid UTF-8; save the export as 'CSV UTF-8'");
            assertThat(reportRows().keySet()).containsExactly("K1");
        }

        @Test
        @DisplayName("only the first 20 rejections are shown; all are in the list")
        void manyRejections() throws IOException {
            StringBuilder contacts = new StringBuilder("contact_id;email\n");
            for (int i = 0; i < 25; i++) {
                contacts.append("K").append(i).append(";not-an-address\n");
            }
            file("contacts.csv", contacts.toString());

            Run run = audit("--dir", dir.toString());

            assertThat(run.err()).contains("25 rows could not be read", "… and 5 more");
            assertThat(run.err().lines().filter(line -> line.startsWith("  ") && line.contains("contacts.csv:"))).hasSize(20);
            assertThat(csv(dir.resolve("report.csv.rejected.csv"))).hasSize(26);
            assertThat(run.out()).containsPattern("Contacten beoordeeld +0\n");
        }

        @Test
        @DisplayName("a rejected-rows list from an earlier run is removed when nothing is rejected now")
        void staleListRemoved() throws IOException {
            file("contacts.csv", "contact_id;email\nK1;bad\n");
            audit("--dir", dir.toString());
            assertThat(dir.resolve("report.csv.rejected.csv")).exists();

            file("contacts.csv", "contact_id;email\nK1;jan@example.nl\n");
            Run run = audit("--dir", dir.toString());

            assertThat(run.exit()).isEqualTo(ExitCode.OK);
            assertThat(dir.resolve("report.csv.rejected.csv")).doesNotExist();
        }
    }

    @Nested
    @DisplayName("the command line")
    class CommandLine {

        @Test
        @DisplayName("--help prints the usage, including the columns and the exit codes")
        void help() throws IOException {
            Run run = audit("--help");

            assertThat(run.exit()).isEqualTo(ExitCode.OK);
            assertThat(run.out()).contains("--legal-name", "contact_id*", "address_collected_in_sale", "Exit codes",
                    "each rejected row is reported");
        }

        @Test
        @DisplayName("without --legal-name nothing is audited: the message says what to give")
        void legalNameRequired() throws IOException {
            file("contacts.csv", "contact_id;email\nK1;jan@example.nl\n");
            String[] args = {"--contacts", path("contacts.csv")};

            assertThatThrownBy(() -> command().run(args, new StringWriter(), new PrintStream(new ByteArrayOutputStream(), true, UTF_8)))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("--legal-name NAME is required");
            assertThat(report).doesNotExist();
        }

        @Test
        @DisplayName("a bad option value names the option and what it takes")
        void badOptions() throws IOException {
            file("contacts.csv", "contact_id;email\nK1;jan@example.nl\n");
            file("policy.json", "{\"softOptInMonths\": 0}");

            assertThatThrownBy(() -> audit("--contacts", path("contacts.csv"), "--channel", "fax"))
                    .hasMessageContaining("--channel must be one of EMAIL, SMS, WHATSAPP");
            assertThatThrownBy(() -> audit("--contacts", path("contacts.csv"), "--send-at", "2026-11-23T10:00"))
                    .hasMessageContaining("--send-at").hasMessageContaining("zone");
            assertThatThrownBy(() -> audit("--contacts", path("contacts.csv"), "--policy", path("policy.json")))
                    .hasMessageContaining("--policy").hasMessageContaining("softOptInMonths");
            assertThatThrownBy(() -> audit("--contacts", path("contacts.csv"), "--lang", "de"))
                    .hasMessageContaining("--lang must be nl or en");
            assertThatThrownBy(() -> audit("--contacts", path("contacts.csv"), "--recipient-count", "0"))
                    .hasMessageContaining("--recipient-count");
            Path empty = Files.createDirectory(dir.resolve("empty"));
            assertThatThrownBy(() -> audit("--dir", empty.toString()))
                    .isInstanceOf(UsageException.class).hasMessageContaining("no contacts.csv");
            assertThatThrownBy(() -> audit(path("contacts.csv")))
                    .isInstanceOf(UsageException.class).hasMessageContaining("--contacts FILE");
        }

        @Test
        @DisplayName("a UTF-16 file (Excel's 'Unicode text') is refused with what to do instead")
        void utf16() throws IOException {
            Files.writeString(dir.resolve("contacts.csv"), "\uFEFFcontact_id\temail\nK1\tjan@example.nl\n", java.nio.charset.StandardCharsets.UTF_16LE);

            Run run = audit("--dir", dir.toString());

            assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(run.err()).contains("is UTF-16", "CSV UTF-8");
            assertThat(report).doesNotExist();
        }

        @Test
        @DisplayName("a contacts file that does not exist is exit code 2")
        void missingFile() throws IOException {
            Run run = audit("--contacts", path("nope.csv"));

            assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(run.err()).contains("nope.csv", "no such file");
        }

        @Test
        @DisplayName("the report may not overwrite an input")
        void outputIsNotAnInput() throws IOException {
            file("contacts.csv", "contact_id;email\nK1;jan@example.nl\n");

            Run run = audit("--contacts", path("contacts.csv"), "--out", path("contacts.csv"));

            assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(run.err()).contains("would overwrite the input");
            assertThat(Files.readString(dir.resolve("contacts.csv"))).startsWith("contact_id;email");
        }

        @Test
        @DisplayName("--dir picks up the files there; an explicit file option overrides one of them")
        void dirAndOverride() throws IOException {
            file("contacts.csv", "contact_id;email\nK1;jan@example.nl\n");
            file("consents.csv", "contact_id;consent_id;given_at;channels;method;obtained_by;wording\n"
                    + "K1;c-1;2024-03-01;EMAIL;WRITTEN;SENDER;" + WORDING + "\n");
            Path other = Files.createDirectory(dir.resolve("other"));
            Files.writeString(other.resolve("objections.csv"), "contact_id;at\nK1;2025-01-01\n");

            audit("--dir", dir.toString());
            assertThat(outcome(reportRows(), "K1")).isEqualTo("ALLOW CONSENT c-1");

            audit("--dir", dir.toString(), "--objections", other.resolve("objections.csv").toString());
            assertThat(outcome(reportRows(), "K1")).isEqualTo("DENY OBJECTED");
        }

        @Test
        @DisplayName("--lang en writes the reasons and the summary in English")
        void english() throws IOException {
            file("contacts.csv", "contact_id;email\nK1;jan@example.nl\nK2;\n");

            Run run = audit("--dir", dir.toString(), "--lang", "en", "--topics", "photo-prints");

            assertThat(reportRows().get("K1").get("reason")).startsWith("No consent");
            assertThat(reportRows().get("K2").get("reason")).contains("No e-mail address");
            assertThat(run.out())
                    .containsPattern("Contacts audited +2\n")
                    .containsPattern("No consent \\(NO_CONSENT\\) +1\n")
                    .containsPattern("no address \\(NO_ADDRESS\\) +1\n")
                    .contains("Report: ");
        }

        @Test
        @DisplayName("without --send-at the message is sent now")
        void sendAtNow() throws IOException {
            file("contacts.csv", "contact_id;email\nK1;jan@example.nl\n");
            file("purchases.csv", "contact_id;order_id;date;categories;proof;address_collected_in_sale;objection_offered\n"
                    + "K1;o-1;2024-11-24;photo-prints;ORDER;ja;ja\n");

            Run run = audit("--dir", dir.toString(), "--topics", "photo-prints");

            assertThat(run.out()).contains("verzendmoment 2026-11-23T10:00:00Z");
            assertThat(reportRows().get("K1")).containsEntry("basis", "SOFT_OPT_IN").containsEntry("basis_valid_until", "2026-11-24T00:00:00Z");
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private AuditCommand command() {
        return new AuditCommand(new DecisionEngine(), CLOCK, false);
    }

    /** Runs the audit with the sender's name and the report in the temporary directory, unless the arguments are only --help. */
    private Run audit(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--help")) {
            all.addAll(List.of("--legal-name", LEGAL_NAME));
            if (!all.contains("--out")) {
                all.addAll(List.of("--out", report.toString()));
            }
        }
        StringWriter out = new StringWriter();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command().run(all.toArray(String[]::new), out, new PrintStream(err, true, UTF_8));
        return new Run(exit, out.toString(), err.toString(UTF_8));
    }

    private void file(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, UTF_8);
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    /** The report, by contact id, each row by column name. */
    private Map<String, Map<String, String>> reportRows() throws IOException {
        List<String[]> rows = csv(report);
        String[] header = rows.getFirst();
        Map<String, Map<String, String>> byContact = new LinkedHashMap<>();
        for (String[] row : rows.subList(1, rows.size())) {
            Map<String, String> columns = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                columns.put(header[i], row[i]);
            }
            byContact.put(row[0], columns);
        }
        return byContact;
    }

    /** "ALLOW CONSENT c-1", "DENY OBJECTED": the verdict with basis or denial, and the evidence when there is any. */
    private static String outcome(Map<String, Map<String, String>> rows, String contact) {
        Map<String, String> row = rows.get(contact);
        assertThat(row).as("report row of " + contact).isNotNull();
        String outcome = row.get("verdict") + " " + row.get("basis") + row.get("denial");
        return row.get("evidence_ids").isEmpty() ? outcome : outcome + " " + row.get("evidence_ids");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(Files.readString(file, UTF_8)))) {
            for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
                rows.add(row.fields());
            }
        }
        return rows;
    }
}
